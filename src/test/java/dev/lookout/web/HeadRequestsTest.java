package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HEAD on the status pages, feeds and JSON answers what GET would (status, Content-Type,
 * Content-Length, caching headers) and sends no body, read byte for byte off the socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadRequestsTest {
    private static final List<String> SAME = List.of("content-type", "content-length", "content-encoding", "cache-control",
            "etag", "last-modified", "vary");
    private IncidentServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new IncidentServer(dir);
        server.openIncident("""
                {"name": "Checkout errors", "impact": "major", "body": "Payments fail.", "components": {"web": "partial_outage"}}""");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/history", "/incidents/1", "/components/web", "/incidents/999", "/api/v2/summary.json",
            "/api/v2/incidents.json", "/feeds/incidents.rss", "/feeds/incidents.atom", "/feeds/maintenances.ics",
            "/api/v1/incidents", "/api/v1/incidents/1", "/api/v1/monitors", "/healthz"})
    void head_answers_the_status_and_headers_of_get_without_a_body(String path) throws Exception {
        RawHttp.Response get = server.raw("GET", path);
        RawHttp.Response head = server.raw("HEAD", path);

        assertThat(get.header("content-length")).as("GET " + path + " says its length").isEqualTo(String.valueOf(get.bytes().length));
        assertThat(head.status()).isEqualTo(get.status());
        for (String name : SAME) {
            assertThat(head.header(name)).as("HEAD %s: %s", path, name).isEqualTo(get.header(name));
        }
        assertThat(head.bytes()).as("HEAD " + path + " sends no body").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v2/summary.json"})
    void head_gives_the_length_of_the_gzip_form_a_get_would_receive(String path) throws Exception {
        RawHttp.Response get = server.raw("GET", path, "Accept-Encoding: gzip");
        RawHttp.Response head = server.raw("HEAD", path, "Accept-Encoding: gzip");

        assertThat(get.header("content-encoding")).isEqualTo("gzip");
        assertThat(head.header("content-encoding")).isEqualTo("gzip");
        assertThat(head.header("content-length")).isEqualTo(String.valueOf(get.bytes().length));
        assertThat(head.bytes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v2/summary.json", "/feeds/incidents.rss"})
    void head_with_a_current_etag_is_a_304_like_get(String path) throws Exception {
        String etag = server.raw("GET", path).header("etag");

        RawHttp.Response head = server.raw("HEAD", path, "If-None-Match: " + etag);
        assertThat(head.status()).isEqualTo(304);
        assertThat(head.bytes()).isEmpty();
    }
}
