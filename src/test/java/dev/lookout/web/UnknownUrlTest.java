package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An address that no route serves: a browser gets the status page's "page not found" (in the
 * language of the page it was on), an API client the API's JSON error; what Jetty refuses before
 * routing is JSON too, never Jetty's HTML or a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnknownUrlTest {
    /** What Debian's Chromium 156 sends when it navigates. */
    static final String CHROMIUM = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
            + "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    private IncidentServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new IncidentServer(dir, """
                pages:
                  - { id: shop, title: "Shop status", components: [web, api] }
                  - { id: internal, title: Intern, components: [db], path: /internal, language: de }
                """);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            CHROMIUM + "|true",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8|true", // Firefox, Safari
            "*/*|false", // curl, wget, fetch()
            "application/json|false",
            "application/json, text/plain, */*|false", // axios
            "text/html;q=0.1, application/json|false",
            "application/problem+json, text/html;q=0.5|false",
            "text/html;q=0|false",
            "''|false"})
    void a_page_only_for_clients_that_rank_html_first(String accept, boolean html) {
        assertThat(AcceptHeader.prefersHtml(accept)).as(accept).isEqualTo(html);
        assertThat(AcceptHeader.prefersHtml(null)).isFalse();
    }

    @Test
    void a_browser_gets_the_not_found_page_of_the_page_it_was_on() throws Exception {
        RawHttp.Response shop = server.raw("GET", "/no/such/thing", "Accept: " + CHROMIUM);
        assertThat(shop.status()).isEqualTo(404);
        assertThat(shop.header("content-type")).startsWith("text/html");
        assertThat(shop.header("vary")).isEqualTo("Accept");
        assertThat(shop.body()).contains("<h1>Page not found</h1>", "Shop status").doesNotContain("\"error\"");

        RawHttp.Response internal = server.raw("GET", "/internal/no-such-page", "Accept: " + CHROMIUM);
        assertThat(internal.status()).isEqualTo(404);
        assertThat(internal.body()).contains("<h1>Seite nicht gefunden</h1>", "<a href=\"/internal\">Zum aktuellen Zustand</a>");

        RawHttp.Response head = server.raw("HEAD", "/no/such/thing", "Accept: " + CHROMIUM);
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.header("content-length")).isEqualTo(shop.header("content-length"));
        assertThat(head.bytes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/no/such/thing", "/nopage", "/internal/api/v9/x", "/api/v1/nothing"})
    void an_api_client_gets_the_json_error(String path) throws Exception {
        for (String accept : new String[] {"Accept: */*", "Accept: application/json", "X-No-Accept: 1"}) {
            RawHttp.Response response = server.raw("GET", path, accept);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.header("vary")).isEqualTo("Accept");
            assertThat(response.json().path("error").asText()).isEqualTo("no such route: GET " + path);
            assertThat(response.json().path("status").asInt()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%2e%2e/etc/passwd", "/a/%00/b", "/..;/admin", "/api/%2e%2e/%2e%2e/x"})
    void a_uri_jetty_refuses_is_a_json_400(String target) throws Exception {
        for (String accept : new String[] {"Accept: */*", "Accept: " + CHROMIUM}) {
            RawHttp.Response response = server.raw("GET", target, accept);
            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.json().path("status").asInt()).isEqualTo(400);
            assertThat(response.body()).doesNotContain("<html", "Exception", "at org.");
        }
    }

    @Test
    void a_header_too_large_and_a_broken_request_line_are_json_too() throws Exception {
        RawHttp.Response large = server.raw("GET", "/api/v2/summary.json", "X-Padding: " + "a".repeat(20_000));
        assertThat(large.status()).isEqualTo(431);
        assertThat(large.header("content-type")).isEqualTo("application/json");
        assertThat(large.json().path("error").asText()).isEqualTo("Request Header Fields Too Large");

        RawHttp.Response broken = RawHttp.send(server.web.port(),
                "GET /api/v2/summary.json HTTP/1.1 trailing\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.header("content-type")).isEqualTo("application/json");
        assertThat(broken.json().path("status").asInt()).isEqualTo(400);
    }
}
