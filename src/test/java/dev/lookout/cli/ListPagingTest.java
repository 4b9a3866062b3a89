package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way every list of the API pages and filters, on a real node: {@code limit},
 * {@code cursor} with the {@code next} of the page before, a {@code Link: rel="next"} header to
 * follow, a cursor that stays right when items are added between pages, and 400s in JSON for
 * values that are not.
 */
class ListPagingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @TempDir
    Path dir;
    private ConsoleNode node;

    @BeforeEach
    void start() throws Exception {
        node = new ConsoleNode(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void monitors_filter_like_the_dashboard_and_page_by_id_following_the_link_header() throws Exception {
        HttpResponse<String> first = get("/api/v1/monitors?tag=prod&limit=1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ids(first, "monitors")).containsExactly("db");
        assertThat(JSON.readTree(first.body()).path("next").asText()).isEqualTo("db");
        String link = nextLink(first);
        assertThat(link).isEqualTo("/api/v1/monitors?tag=prod&limit=1&cursor=db");

        HttpResponse<String> second = get(link);
        assertThat(ids(second, "monitors")).containsExactly("shop");
        assertThat(JSON.readTree(second.body()).path("next").isNull()).isTrue();
        assertThat(second.headers().firstValue("Link")).isEmpty();

        assertThat(ids(get("/api/v1/monitors"), "monitors")).containsExactly("batch", "db", "shop");
        assertThat(ids(get("/api/v1/monitors?q=NIGHTLY"), "monitors")).containsExactly("batch");
        assertThat(ids(get("/api/v1/monitors?component=api"), "monitors")).containsExactly("db");
        assertThat(ids(get("/api/v1/monitors?type=http"), "monitors")).isEmpty();
    }

    @Test
    void an_address_of_8_kb_gets_its_page_and_its_connection_closed_as_asked() throws Exception {
        // Before, the Link header repeated the whole query: the answer's head outgrew Jetty's 8 KB, went out
        // without "Connection: close", and the connection stayed open until the idle timeout (30 s).
        String target = "/api/v1/monitors?limit=1&" + "x=y&".repeat(2_000);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.uri("/").getPort())) {
            socket.setSoTimeout(120_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + node.key("admin") + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("\r\nConnection: close")
                    .doesNotContainIgnoringCase("\r\nLink:");
            assertThat(JSON.readTree(answer.substring(head.length() + 4)).path("next").asText())
                    .as("the body still says where the next page starts").isEqualTo("batch");
        }
        // An answer that must repeat a long address (the way back after signing in) fits too.
        String page = "/console/monitors/" + "x".repeat(7_900);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.uri("/").getPort())) {
            socket.setSoTimeout(120_000);
            socket.getOutputStream().write(("GET " + page + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Accept: text/html\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            assertThat(head).startsWith("HTTP/1.1 303 ").contains("\r\nLocation: /login?next=%2Fconsole%2Fmonitors%2Fxxx")
                    .containsIgnoringCase("\r\nConnection: close");
        }
    }

    @Test
    void a_page_after_a_cursor_neither_repeats_nor_hides_an_item_when_others_are_added_before_it() throws Exception {
        for (String name : List.of("carol", "erin", "gus")) {
            addUser(name);
        }
        HttpResponse<String> first = get("/api/v1/users?limit=2");
        assertThat(ids(first, "users", "name")).containsExactly("carol", "erin");

        addUser("alice"); // before the cursor: the next page does not shift
        addUser("frank"); // after it: the next page shows it
        HttpResponse<String> second = get(nextLink(first));

        assertThat(ids(second, "users", "name")).containsExactly("frank", "gus");
    }

    @Test
    void api_keys_and_subscribers_page_oldest_first_with_limit_and_cursor() throws Exception {
        HttpResponse<String> keys = get("/api/v1/api-keys?limit=2");
        assertThat(JSON.readTree(keys.body()).path("api_keys")).hasSize(2);
        String next = JSON.readTree(keys.body()).path("next").asText();
        HttpResponse<String> rest = get("/api/v1/api-keys?limit=2&cursor=" + next);
        assertThat(JSON.readTree(rest.body()).path("api_keys")).hasSize(1);
        assertThat(JSON.readTree(rest.body()).path("api_keys").get(0).path("id").asLong()).isGreaterThan(Long.parseLong(next));

        HttpResponse<String> subscribers = get("/api/v1/subscribers?limit=5");
        assertThat(subscribers.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(subscribers.body()).has("next")).isTrue();
    }

    @Test
    void incidents_page_newest_first_through_the_link_header() throws Exception {
        List<String> opened = new ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            HttpResponse<String> created = NodeHttp.HTTP.send(node.request("editor", "/api/v1/incidents")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"body\": \"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            opened.add(JSON.readTree(created.body()).path("id").asText());
        }
        HttpResponse<String> first = get("/api/v1/incidents?limit=2");
        assertThat(ids(first, "incidents")).containsExactly(opened.get(2), opened.get(1));

        HttpResponse<String> second = get(nextLink(first));

        assertThat(ids(second, "incidents")).containsExactly(opened.get(0));
        assertThat(JSON.readTree(second.body()).path("next").isNull()).isTrue();
        assertThat(get("/api/v1/incidents?cursor=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void a_limit_or_cursor_that_is_not_valid_is_a_400_in_json_on_every_list() throws Exception {
        for (String path : List.of("/api/v1/monitors?limit=0", "/api/v1/monitors?limit=many", "/api/v1/users?limit=1001",
                "/api/v1/api-keys?cursor=abc", "/api/v1/subscribers?cursor=-1", "/api/v1/audit?cursor=x",
                "/api/v1/audit?limit=5000", "/api/v1/monitors?state=sideways", "/api/v1/alerts?limit=0",
                "/api/v1/incidents?limit=0")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(path).isNotBlank();
        }
    }

    private void addUser(String name) throws Exception {
        HttpResponse<String> added = NodeHttp.HTTP.send(node.request("admin", "/api/v1/users")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"role\": \"viewer\", \"password\": \""
                        + ConsoleNode.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return NodeHttp.HTTP.send(node.request("admin", path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String nextLink(HttpResponse<String> response) {
        String header = response.headers().firstValue("Link").orElseThrow(() -> new AssertionError("no Link header"));
        Matcher m = NEXT.matcher(header);
        assertThat(m.matches()).as(header).isTrue();
        return m.group(1);
    }

    private static List<String> ids(HttpResponse<String> response, String list) throws Exception {
        return ids(response, list, "id");
    }

    private static List<String> ids(HttpResponse<String> response, String list, String field) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode item : JSON.readTree(response.body()).path(list)) {
            out.add(item.path(field).asText());
        }
        return out;
    }
}
