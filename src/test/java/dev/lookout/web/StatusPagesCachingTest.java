package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentStatus;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML pages are rendered once per snapshot and served like static files: the same bytes
 * and ETag until something they show changes, 304 for a reader who has them, gzip made once.
 */
class StatusPagesCachingTest {
    @TempDir
    Path dir;
    private IncidentServer server;
    private final HttpClient http = HttpClient.newHttpClient(); // never decompresses on its own

    @BeforeEach
    void start() throws Exception {
        server = new IncidentServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.web.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String etag(HttpResponse<?> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private Incident incident() {
        return server.incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Payments fail.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE));
    }

    @Test
    void two_requests_without_a_change_get_the_same_etag_and_one_that_has_the_page_gets_304() throws Exception {
        Incident incident = incident();
        for (String path : List.of("/", "/history", "/incidents/" + incident.id())) {
            HttpResponse<byte[]> first = get(path);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("public, max-age=10");
            assertThat(first.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t.replace(" ", ""))
                    .isEqualTo("text/html;charset=utf-8"));
            assertThat(etag(first)).as(path).matches("\"[A-Za-z0-9_-]{16}\"");
            assertThat(first.headers().firstValue("Last-Modified")).as(path).hasValue("Tue, 10 Mar 2026 12:00:00 GMT");

            HttpResponse<byte[]> second = get(path);
            assertThat(etag(second)).as(path).isEqualTo(etag(first));
            assertThat(second.body()).as(path).isEqualTo(first.body());

            HttpResponse<byte[]> revalidated = get(path, "If-None-Match", etag(first));
            assertThat(revalidated.statusCode()).as(path).isEqualTo(304);
            assertThat(revalidated.body()).as(path).isEmpty();
            assertThat(get(path, "If-Modified-Since", "Tue, 10 Mar 2026 12:00:00 GMT").statusCode()).as(path).isEqualTo(304);
        }
    }

    @Test
    void a_page_is_sent_gzipped_when_the_browser_accepts_it() throws Exception {
        incident();
        HttpResponse<byte[]> plain = get("/");
        HttpResponse<byte[]> zipped = get("/", "Accept-Encoding", "gzip, deflate, br");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(etag(zipped)).isEqualTo(etag(plain));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8))
                .contains("Checkout errors");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 3);
    }

    @Test
    void an_incident_update_changes_the_etag_of_every_page_that_shows_it() throws Exception {
        Incident incident = incident();
        List<String> paths = List.of("/", "/history", "/incidents/" + incident.id());
        List<String> before = paths.stream().map(p -> {
            try {
                return etag(get(p));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();

        server.clock.advance(Duration.ofMinutes(2));
        server.incidents.update(incident.id(), IncidentStatus.IDENTIFIED, "A full disk.", Map.of(), null);

        for (int i = 0; i < paths.size(); i++) {
            HttpResponse<byte[]> after = get(paths.get(i), "If-None-Match", before.get(i));
            assertThat(after.statusCode()).as(paths.get(i)).isEqualTo(200);
            assertThat(etag(after)).as(paths.get(i)).isNotEqualTo(before.get(i));
            assertThat(after.headers().firstValue("Last-Modified")).as(paths.get(i)).hasValue("Tue, 10 Mar 2026 12:02:00 GMT");
            assertThat(new String(after.body(), StandardCharsets.UTF_8)).as(paths.get(i)).contains("Identified");
        }
    }

    @Test
    void a_snapshot_rebuilt_without_a_change_keeps_the_etag_and_last_modified() throws Exception {
        incident();
        HttpResponse<byte[]> first = get("/");
        server.clock.advance(Duration.ofSeconds(20)); // past the snapshot's 5 s: rebuilt, with the same content
        HttpResponse<byte[]> later = get("/", "If-None-Match", etag(first));
        assertThat(later.statusCode()).isEqualTo(304);
        assertThat(etag(later)).isEqualTo(etag(first));
        assertThat(later.headers().firstValue("Last-Modified")).hasValue("Tue, 10 Mar 2026 12:00:00 GMT");
    }
}
