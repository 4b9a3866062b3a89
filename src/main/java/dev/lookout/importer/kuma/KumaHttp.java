package dev.lookout.importer.kuma;

import dev.lookout.importer.ConditionText;
import dev.lookout.importer.Draft;
import dev.lookout.importer.HeaderValues;
import dev.lookout.importer.Node;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kuma's {@code http}, {@code keyword} and {@code json-query} monitors to {@code type: http}: the
 * request, TLS and redirects as keys, accepted status codes as {@code expected_status}, the
 * keyword and the JSON query as conditions, upside-down mode as one negated condition.
 */
final class KumaHttp {
    private static final Pattern RANGE = Pattern.compile("(\\d{3})-(\\d{3})");
    /** A JSONata path Lookout's JSONPath can say: dotted names with optional [index]. */
    private static final Pattern SIMPLE_PATH = Pattern.compile("\\$?\\.?([A-Za-z_][A-Za-z0-9_]*(\\[\\d+])*)(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\d+])*)*");
    private static final String SECRET_SAMPLE = "imported-secret-0000";

    private final Draft draft;

    KumaHttp(Draft draft) {
        this.draft = draft;
    }

    /** The http settings, or null (reported) when the URL is not one Lookout can request. */
    Node translate(String id, KumaRow m, String what) {
        String url = m.text("url");
        URI uri;
        try {
            uri = url == null ? null : new URI(url.trim());
        } catch (Exception e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
            draft.notCarried(what + ": not imported: '" + url + "' is not an http(s) URL with a host");
            return null;
        }
        Node s = new Node().put("type", "http");
        Node basicAuth = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            basicAuth = new Node().put("user", decode(parts[0])).put("password",
                    parts.length > 1 ? draft.secret(id + "_PASSWORD", SECRET_SAMPLE, "the password in the URL of Uptime Kuma monitor '" + m.name() + "'") : null);
            url = url.trim().replaceFirst("//[^@/]*@", "//");
        }
        s.put("url", url.trim());
        String method = m.text("method") == null ? "GET" : m.text("method").toUpperCase(Locale.ROOT);
        s.put("method", method.equals("GET") ? null : method);
        Map<String, Object> headers = headers(id, m, what);
        String body = m.text("body");
        if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
            String encoding = m.text("http_body_encoding") == null ? "json" : m.text("http_body_encoding").toLowerCase(Locale.ROOT);
            headers.put("Content-Type", switch (encoding) {
                case "form" -> "application/x-www-form-urlencoded";
                case "xml" -> "text/xml; charset=utf-8";
                default -> "application/json";
            });
        }
        s.put("headers", headers).put("body", body);
        String auth = m.text("auth_method");
        if ((auth == null || auth.equals("basic")) && m.text("basic_auth_user") != null) {
            basicAuth = new Node().put("user", m.text("basic_auth_user")).put("password", m.text("basic_auth_pass") == null ? null
                    : draft.secret(id + "_PASSWORD", SECRET_SAMPLE, "the basic auth password of Uptime Kuma monitor '" + m.name() + "'"));
        } else if ("bearer".equals(auth) && m.text("bearer_token") != null) {
            s.put("bearer_token", draft.secret(id + "_BEARER_TOKEN", SECRET_SAMPLE, "the bearer token of Uptime Kuma monitor '" + m.name() + "'"));
        } else if (auth != null && !auth.equals("basic") && !auth.equals("bearer")) {
            draft.notCarried(what + ": " + auth + " authentication not carried over: Lookout's http check has basic and bearer only");
        }
        s.put("basic_auth", basicAuth);
        if (m.flag("ignore_tls")) {
            s.put("verify_tls", false);
        }
        long redirects = m.number("maxredirects", 10);
        if (redirects == 0) {
            s.put("follow_redirects", false);
        } else if (redirects != 10) {
            s.put("max_redirects", Math.min(redirects, 30));
        }
        List<Object> statuses = statuses(m);
        List<String> conditions = new ArrayList<>();
        String keyword = m.text("keyword");
        if (m.type().equals("keyword") && keyword != null) {
            conditions.add("body " + (m.flag("invert_keyword") ? "not contains " : "contains ") + ConditionText.quoted(keyword));
        }
        if (m.type().equals("json-query")) {
            String condition = jsonCondition(m, what);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        boolean defaultStatuses = statuses.equals(List.of("2xx")) && redirects != 0;
        if (m.flag("upside_down")) {
            List<String> all = new ArrayList<>();
            all.add("status in " + statuses.stream().map(String::valueOf).toList().toString());
            all.addAll(conditions);
            s.put("conditions", List.of("not (" + String.join(" and ", all) + ")"));
            draft.notCarried(what + ": upside-down mode carried over as a negated condition, but a refused connection or a timeout"
                    + " stays a failure in Lookout (Kuma counted it as up)");
        } else {
            s.put("expected_status", defaultStatuses ? null : statuses.size() == 1 ? statuses.getFirst() : statuses);
            s.put("conditions", conditions);
        }
        if (m.number("proxy_id", -1) > 0) {
            draft.notCarried(what + ": its proxy is not carried over: Lookout's checks connect directly");
        }
        if (m.flag("cache_bust")) {
            draft.notCarried(what + ": cache busting (a random query parameter) not carried over: Lookout requests the URL as written");
        }
        if (m.flag("expiry_notification") && "https".equalsIgnoreCase(uri.getScheme())) {
            draft.notCarried(what + ": certificate expiry notifications not carried over: add a condition such as"
                    + " \"cert.days_left >= 14 [degraded]\" and a route with on: [degraded]");
        }
        return s;
    }

    private Map<String, Object> headers(String id, KumaRow m, String what) {
        Map<String, Object> headers = new LinkedHashMap<>();
        String json = m.text("headers");
        if (json == null) {
            return headers;
        }
        Map<String, Object> parsed = KumaJson.object(json);
        if (parsed == null) {
            draft.notCarried(what + ": its headers are not carried over: they are not a JSON object");
            return headers;
        }
        parsed.forEach((name, value) -> headers.put(name, !HeaderValues.mayHoldSecret(name) ? value
                : draft.secret(id + "_HEADER_" + name, SECRET_SAMPLE, "the " + name + " header of Uptime Kuma monitor '" + m.name() + "'")));
        return headers;
    }

    /** Kuma's accepted codes ("200-299", "404") as Lookout status codes and classes (2xx). */
    private static List<Object> statuses(KumaRow m) {
        Object raw = m.has("accepted_statuscodes") ? m.raw("accepted_statuscodes") : m.raw("accepted_statuscodes_json");
        List<Object> statuses = new ArrayList<>();
        for (String item : KumaJson.list(raw)) {
            Matcher range = RANGE.matcher(item.trim());
            if (range.matches()) {
                int from = Integer.parseInt(range.group(1));
                int to = Integer.parseInt(range.group(2));
                for (int code = from; code <= to; code++) {
                    if (code % 100 == 0 && code + 99 <= to) {
                        statuses.add(code / 100 + "xx");
                        code += 99;
                    } else {
                        statuses.add(code);
                    }
                }
            } else if (item.trim().matches("\\d{3}")) {
                statuses.add(Integer.parseInt(item.trim()));
            }
        }
        return statuses.isEmpty() ? List.of("2xx") : statuses;
    }

    /** The JSON query as a condition, or null (reported) when its JSONata expression has no JSONPath form. */
    private String jsonCondition(KumaRow m, String what) {
        String expression = m.text("json_path");
        String expected = m.text("expected_value") == null ? "" : m.text("expected_value");
        String operator = m.text("json_path_operator") == null ? "==" : m.text("json_path_operator");
        if (expression == null || !SIMPLE_PATH.matcher(expression.trim()).matches()) {
            draft.notCarried(what + ": JSON query '" + expression + "' not carried over: a JSONata expression with no JSONPath"
                    + " form; write a condition on body.$.PATH");
            return null;
        }
        String path = "body.$." + expression.trim().replaceFirst("^\\$?\\.?", "");
        return switch (operator) {
            case "==", "!=" -> path + " " + operator + " " + ConditionText.value(expected);
            case "contains" -> path + " contains " + ConditionText.quoted(expected);
            case "<", "<=", ">", ">=" -> {
                if (!ConditionText.isNumber(expected)) {
                    draft.notCarried(what + ": JSON query '" + expression + " " + operator + " " + expected
                            + "' not carried over: it compares with something that is not a number");
                    yield null;
                }
                yield path + " " + operator + " " + expected.trim();
            }
            default -> {
                draft.notCarried(what + ": JSON query operator '" + operator + "' not carried over: Lookout's conditions have no such operator");
                yield null;
            }
        };
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
