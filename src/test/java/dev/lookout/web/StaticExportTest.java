package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.SimpleFileServer;
import dev.lookout.status.StaticExporter;
import dev.lookout.status.StaticSite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lookout export} against a real running site, and the copy served by a plain static file server. */
class StaticExportTest {
    @TempDir
    Path dir;
    private IncidentServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeEach
    void start() throws Exception {
        server = new IncidentServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long incident(String name) throws Exception {
        return IncidentServer.json(server.send("POST", "/api/v1/incidents", """
                {"name": "%s", "status": "investigating", "impact": "major", "body": "Looking into it.",
                 "components": {"web": "major_outage"}}""".formatted(name))).path("id").asLong();
    }

    private String base() {
        return "http://127.0.0.1:" + server.web.port();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_export_holds_every_page_document_and_feed_and_a_static_server_serves_it_unchanged() throws Exception {
        long open = incident("Checkout errors");
        long closed = incident("Slow search");
        server.send("POST", "/api/v1/incidents/" + closed + "/resolve", "{\"body\": \"Fixed.\"}");
        long maintenance = IncidentServer.json(server.send("POST", "/api/v1/maintenances", """
                {"name": "DB upgrade", "body": "Planned.", "scheduled_for": "2026-03-11T14:00:00Z",
                 "scheduled_until": "2026-03-11T15:00:00Z", "components": ["db"]}""")).path("id").asLong();

        Path out = dir.resolve("public");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = new CommandLine(new dev.lookout.cli.Main()).setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr))
                .execute("export", "--url", base(), "--out", out.toString());
        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).startsWith("exported ").contains(" from " + base() + " to " + out);
        for (String file : new String[] {"index.html", "history/index.html", "incidents/" + open + "/index.html",
                "incidents/" + closed + "/index.html", "maintenances/" + maintenance + "/index.html", "api/v2/summary.json",
                "api/v2/incidents/unresolved.json", "api/v2/scheduled-maintenances/upcoming.json", "feeds/incidents.rss",
                "feeds/maintenances.ics"}) {
            assertThat(out.resolve(file)).as(file).isRegularFile();
        }

        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                    .as("a web server running as another user can read the copy").endsWith("r-x");
        }
        var files = SimpleFileServer.createFileServer(new InetSocketAddress("127.0.0.1", 0), out.toAbsolutePath(),
                SimpleFileServer.OutputLevel.NONE);
        files.start();
        try {
            String copy = "http://127.0.0.1:" + files.getAddress().getPort();
            for (String path : new String[] {"/", "/incidents/" + open + "/", "/api/v2/summary.json", "/feeds/incidents.atom"}) {
                HttpResponse<String> live = get(base() + path.replaceAll("(?<=.)/$", ""));
                HttpResponse<String> copied = get(copy + path);
                assertThat(copied.statusCode()).as(path).isEqualTo(200);
                assertThat(copied.body()).as(path).isEqualTo(live.body());
            }
            assertThat(get(copy + "/").body()).contains("Checkout errors");
        } finally {
            files.stop(0);
        }
    }

    @Test
    void pages_under_a_path_prefix_are_copied_beside_the_default_page() throws Exception {
        server.close();
        server = new IncidentServer(dir.resolve("paged"), """
                pages:
                  - { id: public, title: "Example status", components: [web] }
                  - { id: internal, title: "Internal status", path: /internal }
                """);
        StaticSite.Export export = new StaticSite(URI.create(base()), Duration.ofSeconds(5), java.util.List.of("/internal")).crawl();
        assertThat(export.failures()).isEmpty();
        assertThat(export.files()).containsKeys("index.html", "internal/index.html", "internal/history/index.html",
                "internal/api/v2/summary.json", "api/v2/summary.json");
        assertThat(new String(export.files().get("internal/index.html"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Internal status");
    }

    @Test
    void query_links_become_paths_and_nothing_is_written_outside_the_directory() {
        assertThat(StaticSite.fileFor("/")).isEqualTo("index.html");
        assertThat(StaticSite.fileFor("/history")).isEqualTo("history/index.html");
        assertThat(StaticSite.fileFor("/history?page=2")).isEqualTo("history/page/2/index.html");
        assertThat(StaticSite.fileFor("/api/v2/summary.json")).isEqualTo("api/v2/summary.json");
        assertThat(StaticSite.fileFor("/history?page=<script>")).isNull();
        assertThat(StaticSite.fileFor("/../etc/passwd")).isNull();
    }

    @Test
    void the_kept_copy_is_rewritten_only_when_the_site_changed_and_a_failed_pass_keeps_the_last_one() throws Exception {
        Path out = dir.resolve("kept");
        StaticSite site = new StaticSite(URI.create(base()), Duration.ofSeconds(5));
        StaticExporter exporter = new StaticExporter(site, out);
        assertThat(invoke(exporter)).isTrue();
        assertThat(invoke(exporter)).as("nothing changed").isFalse();
        server.clock.advance(Duration.ofMinutes(1));
        incident("Login failures");
        server.clock.advance(Duration.ofSeconds(10)); // past the snapshot's lifetime
        assertThat(invoke(exporter)).isTrue();
        assertThat(Files.readString(out.resolve("index.html"))).contains("Login failures");

        server.web.close(); // Lookout goes away: the copy stays as it was
        assertThat(invoke(exporter)).isFalse();
        assertThat(Files.readString(out.resolve("index.html"))).contains("Login failures");
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("kept."));
        }
    }

    private static boolean invoke(StaticExporter exporter) {
        return exporter.exportIfChanged();
    }
}
