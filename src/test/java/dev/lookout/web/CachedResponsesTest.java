package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /api/v2 documents over real HTTP: gzip made once, ETag and Last-Modified answered with 304. */
class CachedResponsesTest {
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

    @Test
    void a_document_is_sent_gzipped_once_with_validators_and_a_repeat_request_gets_304() throws Exception {
        HttpResponse<byte[]> plain = get("/api/v2/summary.json");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        String lastModified = plain.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]{16}\"");
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");

        HttpResponse<byte[]> zipped = get("/api/v2/summary.json", "Accept-Encoding", "gzip, br");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("ETag")).hasValue(etag);
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).as("compressed exactly once")
                .isEqualTo(new String(plain.body(), StandardCharsets.UTF_8)).startsWith("{");
        assertThat(zipped.body().length).isLessThan(plain.body().length);

        HttpResponse<byte[]> again = get("/api/v2/summary.json", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/api/v2/summary.json", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get("/api/v2/summary.json", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode())
                .as("a non-matching ETag wins over the date").isEqualTo(200);
    }

    @Test
    void a_change_gives_a_new_etag_and_a_later_last_modified() throws Exception {
        HttpResponse<byte[]> before = get("/api/v2/incidents.json");
        String etag = before.headers().firstValue("ETag").orElseThrow();
        server.clock.advance(Duration.ofMinutes(1));
        server.send("POST", "/api/v1/incidents", """
                {"name": "Checkout errors", "status": "investigating", "impact": "major", "body": "Looking."}""");
        HttpResponse<byte[]> after = get("/api/v2/incidents.json", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("Checkout errors");
        assertThat(after.headers().firstValue("Last-Modified")).isPresent().get()
                .isNotEqualTo(before.headers().firstValue("Last-Modified").orElseThrow());
    }
}
