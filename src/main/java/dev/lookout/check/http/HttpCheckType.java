package dev.lookout.check.http;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.FLAG;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;
import static dev.lookout.config.ValueShape.mapping;
import static dev.lookout.config.ValueShape.whole;

import dev.lookout.check.CertificateExpiry;
import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.check.EveryAddress;
import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionParser;
import dev.lookout.condition.ConditionSyntaxException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import dev.lookout.config.ValueShape;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code type: http}: keys {@code url}, {@code method}, {@code headers}, {@code body},
 * {@code basic_auth: {user, password}}, {@code bearer_token}, {@code follow_redirects},
 * {@code max_redirects}, {@code verify_tls}, {@code expected_status}, {@code all_addresses}. Without
 * {@code expected_status} and without a condition on {@code status}, any 2xx or 3xx passes.
 */
public final class HttpCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = java.util.stream.Stream.of(
            List.of("status", "latency", "body", "body.$.PATH", "header.NAME", "url", "timing.dns", "timing.connect", "timing.tls",
                    "timing.first_byte"),
            CertificateExpiry.PLACEHOLDERS, EveryAddress.PLACEHOLDERS).flatMap(List::stream).toList();

    private static final ValueShape.Mapping BASIC_AUTH = mapping(
            required("user", TEXT, "User name"),
            key("password", TEXT, "", "Password"));
    private static final List<ConfigKey> KEYS = List.of(
            required("url", TEXT, "The http:// or https:// URL requested"),
            key("method", TEXT, "GET", "The HTTP method"),
            key("headers", new ValueShape.NamedTexts(), null, "Request headers, name: value"),
            key("body", TEXT, null, "Request body"),
            key("basic_auth", BASIC_AUTH, null, "HTTP basic authentication"),
            key("bearer_token", TEXT, null, "Sent as Authorization: Bearer (not with basic_auth)"),
            key("follow_redirects", FLAG, "true", "Whether redirects are followed"),
            key("max_redirects", whole(0, 30), String.valueOf(HttpSettings.DEFAULT_MAX_REDIRECTS), "Most redirects followed"),
            key("verify_tls", FLAG, "true", "Whether the server's certificate is verified"),
            key("expected_status", TEXTS, null, "Status codes (200) or classes (2xx) that pass (default: below 400)"),
            key("all_addresses", FLAG, "false", "Check every address of the host name, not only the first"));

    private static final java.util.Set<String> RESERVED_HEADERS = java.util.Set.of("host", "connection", "content-length",
            "transfer-encoding");

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public List<ConfigKey> keys() {
        return KEYS;
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String urlText = m.requiredString("url").orElse(null);
        URI url = urlText == null ? null : ConfigLoader.checkUrl(m.get("url"), urlText);
        String method = m.string("method", "GET");
        if (!method.matches("[A-Za-z]+")) {
            m.get("method").error("'" + method + "' is not an HTTP method");
        }
        Map<String, String> headers = m.stringMap("headers");
        headers.forEach((name, value) -> {
            if (RESERVED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                m.get("headers").error("header '" + name + "' is set by Lookout (Host from the url; every check is one request"
                        + " on a fresh connection)");
            }
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                m.get("headers").error("invalid header '" + name + "' (names are tokens; values have no line breaks)");
            }
        });
        String body = m.string("body").orElse(null);
        ConfigNode basic = m.get("basic_auth");
        String user = null;
        String password = null;
        if (basic.isPresent()) {
            user = basic.requiredString("user").orElse(null);
            password = basic.string("password", "");
            basic.rejectUnknownKeys(BASIC_AUTH.keys());
        }
        String bearer = m.string("bearer_token").orElse(null);
        if (user != null && bearer != null) {
            m.get("bearer_token").error("use either basic_auth or bearer_token, not both");
        }
        boolean follow = m.bool("follow_redirects", true);
        int maxRedirects = m.integer("max_redirects", HttpSettings.DEFAULT_MAX_REDIRECTS, 0, 30);
        boolean verifyTls = m.bool("verify_tls", true);
        boolean allAddresses = m.bool("all_addresses", false);
        List<Condition> implicit = new ArrayList<>();
        List<String> expected = m.stringList("expected_status");
        if (!expected.isEmpty()) {
            for (String s : expected) {
                if (!s.matches("[1-5]\\d\\d|[1-5]xx")) {
                    m.get("expected_status").error("'" + s + "' is not a status code (e.g. 200) or class (e.g. 2xx)");
                    return null;
                }
            }
            implicit.add(parse("status in [" + String.join(", ", expected) + "]"));
        } else if (conditions.stream().noneMatch(c -> c.subjects().contains("status"))) {
            implicit.add(parse("status < 400"));
        }
        if (url == null) {
            return null;
        }
        try {
            HttpSettings settings = new HttpSettings(url, method, headers, body, user, password, bearer, follow, maxRedirects, verifyTls,
                    allAddresses);
            return new MonitorTypes.TypeSettings(settings, implicit);
        } catch (IllegalArgumentException e) {
            m.error(e.getMessage());
            return null;
        }
    }

    private static Condition parse(String text) {
        try {
            return ConditionParser.parse(text);
        } catch (ConditionSyntaxException e) {
            throw new IllegalStateException("built-in condition does not parse: " + text, e);
        }
    }

    @Override
    public Check create(Object settings, CheckContext context) {
        return new HttpCheck((HttpSettings) settings, context.resolver(), context.clock());
    }
}
