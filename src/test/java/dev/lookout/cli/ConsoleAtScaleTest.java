package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard with 10,000 monitors: every one is a row, the counts add up, a filter narrows it.
 * Outcome only; the time per page is measured by bench/console.sh.
 */
class ConsoleAtScaleTest {
    private static final String TOKEN = "console-scale-test-token-0123456789";
    private static final int MONITORS = 10_000;

    @TempDir
    Path dir;

    @Test
    void ten_thousand_monitors_are_all_rows_with_their_counts_and_a_tag_filter_keeps_a_tenth() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                server: { listen: "127.0.0.1:0", admin_token: "%s" }
                storage: { url: "sqlite:%s" }
                components: [ { id: web, name: Web } ]
                monitors:
                """.formatted(TOKEN, dir.resolve("lookout.db")));
        for (int i = 0; i < MONITORS; i++) {
            yaml.append("  - { id: m").append(i).append(", type: tcp, host: 127.0.0.1, port: 9, interval: 1h, paused: true,")
                    .append(" component: web, tags: [t").append(i % 10).append("] }\n");
        }
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, yaml);
        CheckTypes types = CheckTypes.standard();
        try (LookoutNode node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start()) {
            String page = get(node, "/console");
            assertThat(Pattern.compile("<tr data-id=").matcher(page).results().count()).isEqualTo(MONITORS);
            assertThat(page).contains("id=\"count-paused\">10000<", "id=\"count-all\">10000<", "id=\"count-down\">0<");
            String filtered = get(node, "/console?tag=t7");
            assertThat(Pattern.compile("<tr data-id=").matcher(filtered).results().count()).isEqualTo(MONITORS / 10);
            assertThat(filtered).contains("<span id=\"shown\">1000</span> of 10000", "<tr data-id=\"m9997\"")
                    .doesNotContain("<tr data-id=\"m9998\"");
        }
    }

    private static String get(LookoutNode node, String path) throws Exception {
        HttpResponse<String> response = NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(node, path))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
