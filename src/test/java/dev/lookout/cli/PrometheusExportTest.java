package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.FixedPorts;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.RawServer;
import dev.lookout.check.tls.TestCertificates;
import dev.lookout.config.ConfigLoader;
import dev.lookout.metrics.Promtool;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running node's {@code /metrics} as Prometheus users meet it: accepted by {@code promtool check
 * metrics}, one set of series per monitor with labels from the configuration only, and scraped
 * by a real Prometheus (Debian's, on a loopback port) whose example alert rules evaluate on it.
 */
class PrometheusExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_UUID = "7d4c8e2a-1b3f-4a5d-9c6e-0f1a2b3c4d5e";
    /** Every per-monitor series carries these labels, and no other (but the state's). */
    private static final TreeSet<String> MONITOR_LABELS = new TreeSet<>(List.of("monitor", "component", "type", "node"));

    @TempDir
    Path dir;
    private HttpServer api;
    private RawServer tls;
    private LookoutNode node;
    private Process prometheus;
    private X509Certificate leaf;

    @BeforeEach
    void start() throws Exception {
        api = Targets.answering200();
        TestCertificates certificates = new TestCertificates(Files.createDirectory(dir.resolve("certs")),
                Map.of("valid", List.of("-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "90")));
        try (var in = Files.newInputStream(dir.resolve("certs/valid.pem"))) {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        tls = new RawServer(certificates.serverContext("valid").getServerSocketFactory().createServerSocket(), socket -> {
            ((SSLSocket) socket).startHandshake();
            RawServer.stall(socket);
        });
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0", node_name: node-a }
                storage: { url: "sqlite:%s" }
                components:
                  - { id: shop, name: Shop }
                monitors:
                  - { id: api, type: http, url: "http://127.0.0.1:%d/", interval: 1s, timeout: 1s, component: shop }
                  - { id: gone, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 1s, failure_threshold: 1 }
                  - { id: cert, type: tls, host: 127.0.0.1, port: %d, ca_file: "%s", interval: 2s, timeout: 2s }
                  - { id: idle, type: http, url: "http://127.0.0.1:%d/", interval: 1s, timeout: 1s, paused: true }
                  - { id: agent, type: heartbeat, uuid: %s, schedule: { every: 1h, grace: 1h } }
                """.formatted(dir.resolve("data/lookout.db"), api.getAddress().getPort(), closedPort, tls.port(),
                certificates.caFile(), api.getAddress().getPort(), AGENT_UUID));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start();
        // runitor's protocol: a start ping, then the success ping with the job's output as the body
        assertThat(NodeHttp.get(node, "/ping/" + AGENT_UUID + "/start").statusCode()).isEqualTo(200);
        assertThat(NodeHttp.HTTP.send(java.net.http.HttpRequest.newBuilder(NodeHttp.uri(node, "/ping/" + AGENT_UUID))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("done\n")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        NodeHttp.await("api up, gone down, cert up", () -> state("api").equals("up") && state("gone").equals("down")
                && state("cert").equals("up"));
    }

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (node != null) {
            node.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (api != null) {
            api.stop(0);
        }
    }

    private String state(String monitor) throws Exception {
        return JSON.readTree(NodeHttp.get(node, "/api/v1/monitors/" + monitor).body()).path("state").asText();
    }

    @Test
    void promtool_accepts_the_metrics_of_a_running_node() throws Exception {
        Promtool.Verdict verdict = Promtool.checkMetrics(NodeHttp.get(node, "/metrics").body());

        assertThat(verdict.output()).isEmpty();
        assertThat(verdict.exit()).isZero();
    }

    @Test
    void every_lookout_metric_is_documented_in_docs_metrics() throws Exception {
        String docs = Files.readString(Path.of("docs/metrics.md"));
        List<String> families = NodeHttp.get(node, "/metrics").body().lines().filter(l -> l.startsWith("# TYPE lookout_"))
                .map(l -> l.split(" ")[2]).toList();

        assertThat(families).hasSizeGreaterThan(20);
        assertThat(families).filteredOn(name -> !docs.contains("`" + name.replaceFirst("_max$", "")))
                .as("families of /metrics not in docs/metrics.md").isEmpty();
    }

    @Test
    void exports_each_monitor_once_with_its_state_latency_certificate_and_last_ping() throws Exception {
        Map<String, Double> samples = samples(NodeHttp.get(node, "/metrics").body());

        assertThat(samples).containsEntry("lookout_monitor_up{component=\"shop\",monitor=\"api\",node=\"node-a\",type=\"http\"}", 1.0)
                .containsEntry("lookout_monitor_up{component=\"\",monitor=\"gone\",node=\"node-a\",type=\"tcp\"}", 0.0)
                .containsEntry("lookout_monitor_up{component=\"\",monitor=\"cert\",node=\"node-a\",type=\"tls\"}", 1.0)
                .containsEntry("lookout_monitor_up{component=\"\",monitor=\"agent\",node=\"node-a\",type=\"heartbeat\"}", 1.0)
                .containsEntry("lookout_monitor_state{component=\"\",monitor=\"idle\",node=\"node-a\",state=\"paused\",type=\"http\"}", 1.0)
                .containsEntry("lookout_monitor_state{component=\"\",monitor=\"idle\",node=\"node-a\",state=\"up\",type=\"http\"}", 0.0)
                .containsEntry("lookout_monitor_state{component=\"\",monitor=\"gone\",node=\"node-a\",state=\"down\",type=\"tcp\"}", 1.0);
        assertThat(keys(samples, "lookout_monitor_up")).as("a paused monitor has no up series")
                .noneMatch(k -> k.contains("monitor=\"idle\""));
        assertThat(keys(samples, "lookout_monitor_state{")).filteredOn(k -> k.contains("monitor=\"api\"")).hasSize(5);

        assertThat(value(samples, "lookout_monitor_certificate_expiry_timestamp_seconds", "cert"))
                .isEqualTo(leaf.getNotAfter().toInstant().getEpochSecond());
        assertThat(value(samples, "lookout_monitor_last_latency_seconds", "api")).isBetween(0.0, 1.0);
        assertThat(value(samples, "lookout_monitor_latency_seconds_count", "api")).isGreaterThanOrEqualTo(1);
        assertThat(value(samples, "lookout_monitor_latency_seconds_sum", "api")).isGreaterThan(0);
        assertThat(keys(samples, "lookout_monitor_last_latency_seconds")).as("a failed check has no latency")
                .noneMatch(k -> k.contains("monitor=\"gone\""));
        double now = Instant.now().getEpochSecond();
        assertThat(value(samples, "lookout_monitor_last_check_timestamp_seconds", "gone")).isBetween(now - 60, now + 1);
        assertThat(value(samples, "lookout_heartbeat_last_ping_timestamp_seconds", "agent")).isBetween(now - 60, now + 1);
        assertThat(value(samples, "lookout_heartbeat_last_success_timestamp_seconds", "agent")).isBetween(now - 60, now + 1);

        for (String key : samples.keySet()) {
            if (key.startsWith("lookout_monitor_") || key.startsWith("lookout_heartbeat_last_")) {
                TreeSet<String> names = new TreeSet<>(labels(key).keySet());
                names.remove("state");
                assertThat(names).as(key).isEqualTo(MONITOR_LABELS);
                assertThat(List.of("api", "gone", "cert", "idle", "agent")).as(key).contains(labels(key).get("monitor"));
            }
        }
    }

    @Test
    void a_real_prometheus_scrapes_the_node_and_its_example_rules_see_the_monitor_that_is_down() throws Exception {
        int port = FixedPorts.free();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global: { scrape_interval: 1s, evaluation_interval: 1s }
                rule_files: [ "%s" ]
                scrape_configs:
                  - job_name: lookout
                    static_configs: [ { targets: [ "127.0.0.1:%d" ] } ]
                """.formatted(Path.of("examples/prometheus/lookout-alerts.yml").toAbsolutePath(), node.port()));
        prometheus = new ProcessBuilder(Promtool.BINARY.resolveSibling("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;

        List<String> up = new ArrayList<>();
        NodeHttp.await("Prometheus has scraped lookout_monitor_up", () -> {
            up.clear();
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            JsonNode result;
            try {
                result = query(base, "lookout_monitor_up");
            } catch (java.net.ConnectException starting) {
                return false;
            }
            result.forEach(r -> up.add(r.path("metric").path("monitor").asText() + "=" + r.path("value").get(1).asText()));
            return up.size() == 4;
        });
        assertThat(up).containsExactlyInAnyOrder("api=1", "gone=0", "cert=1", "agent=1");
        assertThat(query(base, "lookout_monitor_up{monitor=\"api\"}").get(0).path("metric").path("job").asText()).isEqualTo("lookout");

        NodeHttp.await("the down monitor's alert is pending", () -> {
            JsonNode alerts = JSON.readTree(NodeHttp.get(URI.create(base + "/api/v1/alerts")).body()).path("data").path("alerts");
            for (JsonNode alert : alerts) {
                if (alert.path("labels").path("alertname").asText().equals("LookoutMonitorDown")) {
                    assertThat(alert.path("labels").path("monitor").asText()).isEqualTo("gone");
                    return alert.path("state").asText().equals("pending");
                }
            }
            return false;
        });
        JsonNode groups = JSON.readTree(NodeHttp.get(URI.create(base + "/api/v1/rules")).body()).path("data").path("groups");
        List<String> health = new ArrayList<>();
        groups.forEach(g -> g.path("rules").forEach(r -> health.add(r.path("name").asText() + ":" + r.path("health").asText())));
        assertThat(health).hasSize(6).allMatch(h -> h.endsWith(":ok"));
    }

    private static JsonNode query(String base, String promql) throws Exception {
        JsonNode answer = JSON.readTree(NodeHttp.get(URI.create(base + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).body());
        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("success");
        return answer.path("data").path("result");
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    /** Every sample of the text exposition, by name and labels as written (sorted by name, as it is written). */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> out = new TreeMap<>();
        exposition.lines().filter(l -> !l.startsWith("#")).forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        });
        return out;
    }

    private static Map<String, String> labels(String key) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = LABEL.matcher(key.substring(key.indexOf('{') + 1));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static List<String> keys(Map<String, Double> samples, String prefix) {
        return samples.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    private static double value(Map<String, Double> samples, String name, String monitor) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains("monitor=\"" + monitor + "\""))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no " + name + " for " + monitor));
    }
}
