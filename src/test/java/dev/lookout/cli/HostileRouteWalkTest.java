package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.web.Route;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Sends the hostile corpus (issue 15, item 6) to every route of a real node's route table, as an
 * admin (so that each handler runs, not only the access gate) and anonymously: path parameters
 * with {@code ..}, NUL, invalid UTF-8, numbers and dates no type holds; bodies that are not JSON,
 * not UTF-8, 200 arrays deep, a megabyte long, and every field a body names with every wrong type;
 * query strings with the same. No answer is a 5xx, every API answer is JSON, no page shows a stack
 * trace, and the node logs none. Routes, body fields and query parameters are found, not listed: a
 * route added tomorrow is walked too.
 */
class HostileRouteWalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a route's path parameter becomes. */
    private static final List<String> HOSTILE_SEGMENTS = List.of("..", "%2e%2e", "%2E%2E%2F%2E%2E", "a%00b", "%00", "%C3%28",
            "\u00c3\u0028", "99999999999999999999", "-1", "-99999999999999999999", "+999999999-01-01T00:00:00Z", "1e400",
            "%FF%FE", "a%2Fb", "x".repeat(5_000));
    /** What every query parameter the code reads becomes, one variant at a time. */
    private static final List<String> HOSTILE_QUERY_VALUES = List.of("99999999999999999999", "-1", "%00", "%C3%28",
            "+999999999-01-01T00:00:00Z", "..%2F..%2Fetc%2Fpasswd", "1e400", "");
    /** Wrong values for a body field, whatever its type. */
    private static final List<String> WRONG_VALUES = List.of("[]", "{}", "\"x\"", "99999999999999999999", "-1", "true", "null",
            "\"+999999999-01-01T00:00:00Z\"", "1.5e308", "\"\\u0000\"", "[" + "[".repeat(199) + "]".repeat(200),
            "{\"a\":{\"b\":[1,{}]}}");
    private static final String MEGABYTE = "a".repeat(1 << 20);
    private static final Pattern KNOWN_FIELDS = Pattern.compile("\\(known: ([^)]*)\\)");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]+}|<[^>]+>");
    private static final Pattern STACK_TRACE = Pattern.compile("\\tat |\\bat (java|dev|io|org)\\.[\\w.$]+\\(|Exception\\b|"
            + "Caused by");

    @TempDir
    Path dir;
    private ConsoleNode node;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private int port;

    @BeforeEach
    void start() throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        node = new ConsoleNode(dir);
        port = node.uri("/").getPort();
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        node.close();
    }

    @Test
    void no_route_answers_the_hostile_corpus_with_a_server_error_or_a_stack_trace() throws Exception {
        List<Route> routes = new ArrayList<>(node.routes());
        // the one route that changes the node's database as its admin passes is walked last
        routes.sort(Comparator.comparing(r -> r.path().endsWith("/accept-new")));
        assertThat(routes).as("the route table").hasSizeGreaterThan(50);
        Set<String> queryNames = namesReadBy("queryParam");
        queryNames.addAll(Set.of("cursor", "before")); // the lists' cursor, read through Paging's constants
        Set<String> formNames = namesReadBy("formParam");
        assertThat(queryNames).contains("limit", "next", "q");
        SoftAssertions softly = new SoftAssertions();
        int sent = 0;
        int fieldsFound = 0;
        for (Route route : routes) {
            for (String key : new String[] {node.key("admin"), null}) {
                String caller = key == null ? "anonymous" : "admin";
                for (String target : targets(route, queryNames)) {
                    check(softly, route, caller, send(route.method().name(), target, key, null, null));
                    sent++;
                }
                if (!takesBody(route.method())) {
                    continue;
                }
                String target = PATH_PARAMETER.matcher(route.path()).replaceAll("shop");
                List<byte[]> bodies = new ArrayList<>(List.of(bytes("{"), bytes("{\"name\": }"), bytes("[1,2"), bytes("\"\\uZZZZ\""),
                        new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}, new byte[] {(byte) 0xFF, (byte) 0xFE, 0},
                        bytes("[".repeat(200) + "]".repeat(200)), bytes("{\"a\":".repeat(200) + "1" + "}".repeat(200)),
                        bytes("\"" + MEGABYTE + "\""), bytes("99999999999999999999"), bytes("null"), bytes("[]")));
                Answer probe = send(route.method().name(), target, key, "application/json", bytes("{\"lookout_no_such_field\":1}"));
                check(softly, route, caller, probe);
                List<String> fields = knownFields(probe);
                fieldsFound += fields.size();
                for (String field : fields) {
                    for (String wrong : WRONG_VALUES) {
                        bodies.add(bytes("{\"" + field + "\":" + wrong + "}"));
                    }
                    bodies.add(bytes("{\"" + field + "\":\"" + MEGABYTE + "\"}"));
                }
                for (byte[] body : bodies) {
                    check(softly, route, caller, send(route.method().name(), target, key, "application/json", body));
                    sent++;
                }
                for (String form : forms(formNames)) {
                    check(softly, route, caller, send(route.method().name(), target, key, "application/x-www-form-urlencoded",
                            bytes(form)));
                    sent++;
                }
            }
        }
        softly.assertAll();
        assertThat(fieldsFound).as("body fields found through the API's own error messages").isGreaterThan(20);
        assertThat(sent).as("requests sent").isGreaterThan(2_000);
        assertThat(log.list).as("the node's log is read").anyMatch(e -> e.getFormattedMessage().startsWith("HTTP server listening"));
        assertThat(log.list.stream().filter(e -> e.getThrowableProxy() != null)
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + ": " + e.getThrowableProxy().getClassName()))
                .as("log lines with a stack trace").isEmpty();
        assertThat(log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)).as("errors logged").isEmpty();
    }

    /** The route's path with each hostile segment for its parameters, and with each query variant. */
    private static List<String> targets(Route route, Set<String> queryNames) {
        Set<String> targets = new LinkedHashSet<>();
        String path = route.path();
        if (PATH_PARAMETER.matcher(path).find()) {
            for (String segment : HOSTILE_SEGMENTS) {
                targets.add(PATH_PARAMETER.matcher(path).replaceAll(Matcher.quoteReplacement(segment)));
            }
        }
        String plain = PATH_PARAMETER.matcher(path).replaceAll("shop");
        targets.add(plain + "/..");
        targets.add(plain + "/%2e%2e/%2e%2e/etc/passwd");
        targets.add(plain + "%00");
        for (String value : HOSTILE_QUERY_VALUES) {
            targets.add(plain + "?" + String.join("&", queryNames.stream().map(n -> n + "=" + value).toList()));
        }
        targets.add(plain + "?limit=1&limit=2&" + "x=y&".repeat(2_000));
        return List.copyOf(targets);
    }

    private static List<String> forms(Set<String> names) {
        List<String> forms = new ArrayList<>();
        for (String value : List.of("%00", "%C3%28", "99999999999999999999", "-1", MEGABYTE, "%", "%ZZ")) {
            forms.add(String.join("&", names.stream().map(n -> n + "=" + value).toList()));
        }
        return forms;
    }

    private static boolean takesBody(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }

    /** The names the handlers read with {@code ctx.<reader>("...")}, from the source: new ones are walked without a change here. */
    private static Set<String> namesReadBy(String reader) throws IOException {
        Pattern call = Pattern.compile(reader + "(?:AsClass)?\\(\"([^\"]+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = call.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    /** The fields a body may have, as the API names them when it refuses an unknown one. */
    private static List<String> knownFields(Answer answer) {
        Matcher known = KNOWN_FIELDS.matcher(answer.text());
        if (answer.status() != 400 || !known.find() || known.group(1).isBlank()) {
            return List.of();
        }
        return List.of(known.group(1).split(", "));
    }

    private void check(SoftAssertions softly, Route route, String caller, Answer answer) throws Exception {
        String what = caller + " " + answer.request() + " (route " + route.method() + " " + route.path() + ")";
        if (answer.status() < 0) {
            softly.fail(what + ": no answer: " + answer.text());
            return;
        }
        softly.assertThat(answer.status()).as(what + ": " + shortly(answer.text())).isLessThan(500);
        boolean body = !route.method().equals(HandlerType.HEAD) && answer.status() != 204 && answer.status() != 304
                && answer.body().length > 0;
        if (answer.status() < 500 && body && answer.isJson()) {
            try {
                JSON.readTree(answer.body());
            } catch (IOException e) {
                softly.fail(what + ": says JSON but is not: " + shortly(answer.text()));
            }
        } else if (body && route.path().startsWith("/api/") && answer.status() >= 400) {
            softly.fail(what + ": an API error that is not JSON: " + answer.contentType() + " " + shortly(answer.text()));
        }
        softly.assertThat(STACK_TRACE.matcher(answer.text()).find()).as(what + " shows a stack trace: " + shortly(answer.text()))
                .isFalse();
    }

    private static String shortly(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One answer: status (-1: none), its headers and its body without chunking. */
    private record Answer(String request, int status, String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            Matcher type = Pattern.compile("(?im)^content-type:\\s*(.*)$").matcher(headers);
            return type.find() ? type.group(1).strip() : "";
        }

        boolean isJson() {
            return contentType().startsWith("application/json");
        }
    }

    /**
     * A request exactly as given (no client normalises the target or refuses its bytes), over a
     * fresh connection; the body is written while the answer is read, so that a server that answers
     * early (413) and closes does not lose its answer to a broken pipe.
     */
    private Answer send(String method, String target, String key, String contentType, byte[] body) throws Exception {
        String shown = method + " " + (target.length() > 120 ? target.substring(0, 120) + "..." : target)
                + (body == null ? "" : " with " + (body.length > 120 ? body.length + " bytes" : new String(body, StandardCharsets.UTF_8)));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        head.write(target.getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder headers = new StringBuilder(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        headers.append("Accept: ").append(target.startsWith("/api/") ? "application/json" : "text/html").append("\r\n");
        if (key != null) {
            headers.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (body != null) {
            headers.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.write(headers.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(head.toByteArray());
                    if (body != null) {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException answeredEarly) {
                    // the server refused before reading everything; its answer is read below
                }
            });
            byte[] answer;
            try {
                answer = readAll(socket.getInputStream());
            } catch (IOException e) {
                return new Answer(shown, -1, "", bytes(e.toString()));
            }
            writer.join();
            return parse(shown, answer);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65_536];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Answer parse(String request, byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(request, -1, "", raw);
        }
        String headers = text.substring(0, end);
        int status = Integer.parseInt(headers.substring(9, 12));
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (Pattern.compile("(?im)^transfer-encoding:\\s*chunked").matcher(headers).find()) {
            body = unchunk(body);
        }
        return new Answer(request, status, headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }
}
