package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookout incident ...} against a running node's admin API. */
class IncidentCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private RunningLookout lookout;

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir);
    }

    @AfterEach
    void stop() {
        lookout.close();
    }

    private long open(String title) throws Exception {
        var created = lookout.run("incident", "create", "--title", title, "--impact", "minor", "--message", "Looking.", "--json");
        assertThat(created.exit()).as(created.err()).isZero();
        return JSON.readTree(created.out()).path("id").asLong();
    }

    @Test
    void an_incident_goes_from_create_to_postmortem_and_each_step_prints_a_summary() throws Exception {
        var created = lookout.runWithInput("Checkout **fails** for some users.\n", "incident", "create",
                "--title", "Checkout errors", "--status", "investigating", "--impact", "major",
                "--component", "api=major_outage", "--component", "web=degraded_performance", "--message-file", "-");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("Opened incident 1: Checkout errors", "status:      investigating",
                "impact:      major", "components:  api major_outage, web degraded_performance",
                "Checkout **fails** for some users.", "(api operational -> major_outage, web operational -> degraded_performance)");

        var updated = lookout.run("incident", "update", "1", "--status", "identified", "--component", "api=partial_outage",
                "--message", "A full disk on the payment host.");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("Updated incident 1", "status:      identified",
                "components:  api partial_outage, web degraded_performance", "A full disk on the payment host.");

        var resolved = lookout.run("incident", "resolve", "1");
        assertThat(resolved.exit()).as(resolved.err()).isZero();
        assertThat(resolved.out()).contains("Resolved incident 1", "status:      resolved",
                "components:  api operational, web operational", "This incident has been resolved.", "resolved:    ");

        Path writeUp = dir.resolve("postmortem.md");
        Files.writeString(writeUp, "# Cause\n\nThe log partition filled up.\n");
        var postmortem = lookout.run("incident", "postmortem", "1", "--message-file", writeUp.toString());
        assertThat(postmortem.exit()).as(postmortem.err()).isZero();
        assertThat(postmortem.out()).contains("Published the postmortem of incident 1", "status:      postmortem");

        var shown = lookout.run("incident", "show", "1");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("Incident 1: Checkout errors", "Updates (3, newest first):",
                "Postmortem (published ", "  # Cause", "  The log partition filled up.");
        assertThat(shown.out().indexOf("This incident has been resolved.")).isLessThan(shown.out().indexOf("A full disk"));
        assertThat(shown.out().indexOf("A full disk")).isLessThan(shown.out().indexOf("Checkout **fails**"));
    }

    @Test
    void json_prints_the_api_document() throws Exception {
        long id = open("Slow search");
        var shown = lookout.run("incident", "show", String.valueOf(id), "--json");
        assertThat(shown.exit()).isZero();
        JsonNode incident = JSON.readTree(shown.out());
        assertThat(incident.path("name").asText()).isEqualTo("Slow search");
        assertThat(incident.path("impact").asText()).isEqualTo("minor");
        assertThat(incident.path("updates").get(0).path("body_html").asText()).isEqualTo("<p>Looking.</p>\n");
    }

    @Test
    void list_shows_a_table_newest_first_and_filters_by_status() throws Exception {
        long first = open("Slow search");
        long second = open("Login loop");
        assertThat(lookout.run("incident", "resolve", String.valueOf(first)).exit()).isZero();

        var all = lookout.run("incident", "list");
        assertThat(all.exit()).isZero();
        assertThat(all.out().lines().toList()).hasSize(3);
        assertThat(all.out().lines().findFirst().orElseThrow()).matches("ID +STATUS +IMPACT +CREATED +RESOLVED +TITLE");
        assertThat(all.out().indexOf("Login loop")).isLessThan(all.out().indexOf("Slow search"));
        assertThat(all.out()).containsPattern(second + " +investigating +minor +\\S+Z +- +Login loop");

        var open = lookout.run("incident", "list", "--status", "open");
        assertThat(open.out()).contains("Login loop").doesNotContain("Slow search");
        assertThat(lookout.run("incident", "list", "--status", "resolved", "--limit", "1").out())
                .contains("Slow search").doesNotContain("Login loop");
    }

    @Test
    void an_empty_list_says_so() {
        var none = lookout.run("incident", "list");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).isEqualTo("No incidents." + System.lineSeparator());
    }

    @Test
    void a_wrong_token_exits_1_with_the_apis_message() {
        var refused = RunningLookout.runWith(Map.of(), "", "incident", "create", "--url", lookout.url(), "--token",
                "not-the-token-at-all", "--title", "X", "--message", "y");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("lookout: refused (HTTP 401): wrong admin token");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void refusals_of_the_api_exit_1_with_its_message() throws Exception {
        var unknown = lookout.run("incident", "show", "99");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("refused (HTTP 404): no incident with id 99");

        var badStatus = lookout.run("incident", "create", "--title", "X", "--status", "broken", "--message", "y");
        assertThat(badStatus.exit()).isEqualTo(1);
        assertThat(badStatus.err()).contains("refused (HTTP 400): unknown incident status 'broken' (expected one of "
                + "investigating, identified, monitoring, resolved, postmortem)");

        var badComponent = lookout.run("incident", "create", "--title", "X", "--component", "cdn=major_outage", "--message", "y");
        assertThat(badComponent.err()).contains("refused (HTTP 400): unknown component 'cdn' (known: api, web)");

        long id = open("Slow search");
        var early = lookout.run("incident", "postmortem", String.valueOf(id), "--message", "Too early.");
        assertThat(early.exit()).isEqualTo(1);
        assertThat(early.err()).contains("refused (HTTP 409): incident " + id + " is still investigating");
    }

    @Test
    void the_token_comes_from_the_option_then_the_environment_then_the_configuration() throws Exception {
        String config = lookout.clientConfig.toString();
        var fromConfig = RunningLookout.runWith(Map.of(), "", "incident", "create", "--config", config,
                "--title", "From the config", "--message", "y");
        assertThat(fromConfig.exit()).as(fromConfig.err()).isZero();

        var environmentFirst = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", "wrong-token-from-the-env"), "",
                "incident", "create", "--config", config, "--title", "X", "--message", "y");
        assertThat(environmentFirst.exit()).isEqualTo(1);

        var optionFirst = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", "wrong-token-from-the-env"), "",
                "incident", "create", "--config", config, "--token", RunningLookout.TOKEN, "--title", "From the option",
                "--message", "y");
        assertThat(optionFirst.exit()).as(optionFirst.err()).isZero();

        assertThat(RunningLookout.runWith(Map.of(), "", "incident", "list", "--config", config).out())
                .contains("From the config", "From the option");
    }

    @Test
    void reads_need_no_token() throws Exception {
        open("Slow search");
        var list = RunningLookout.runWith(Map.of(), "", "incident", "list", "--url", lookout.url());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("Slow search");
    }

    @Test
    void an_unreachable_lookout_exits_3() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var result = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", RunningLookout.TOKEN), "", "incident", "create",
                "--url", "http://127.0.0.1:" + closed, "--title", "X", "--message", "y");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("lookout: cannot reach Lookout at http://127.0.0.1:" + closed + ": connection refused");
    }

    @Test
    void an_unknown_host_exits_3() {
        var result = RunningLookout.runWith(Map.of(), "", "incident", "list", "--url", "http://lookout.invalid:8080");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("lookout: cannot reach Lookout at http://lookout.invalid:8080: unknown host 'lookout.invalid'");
    }

    @Test
    void another_web_site_at_the_url_exits_3() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            String url = "http://127.0.0.1:" + other.getAddress().getPort();
            var result = RunningLookout.runWith(Map.of(), "", "incident", "show", "1", "--url", url);
            assertThat(result.exit()).isEqualTo(3);
            assertThat(result.err()).contains("no Lookout API answer at " + url + "/api/v1/incidents/1 (HTTP 200, text/html): "
                    + "<html><body>Welcome to nginx!</body></html>");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void a_path_lookout_does_not_serve_is_its_404() {
        var result = RunningLookout.runWith(Map.of(), "", "incident", "show", "1", "--url", lookout.url() + "/status");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("refused (HTTP 404): no such route: GET /status/api/v1/incidents/1");
    }

    @Test
    void usage_and_configuration_problems_exit_2() {
        var noTitle = lookout.run("incident", "create", "--message", "y");
        assertThat(noTitle.exit()).isEqualTo(2);
        assertThat(noTitle.err()).contains("Missing required option: '--title=TITLE'");

        var noMessage = lookout.run("incident", "update", "1", "--status", "identified");
        assertThat(noMessage.exit()).isEqualTo(2);
        assertThat(noMessage.err()).contains("Missing required argument", "--message", "--message-file");

        var twoMessages = lookout.run("incident", "update", "1", "--message", "a", "--message-file", "b.md");
        assertThat(twoMessages.exit()).isEqualTo(2);

        var unreadable = lookout.run("incident", "update", "1", "--message-file", dir.resolve("missing.md").toString());
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.err()).contains("cannot read --message-file " + dir.resolve("missing.md"));

        var noToken = RunningLookout.runWith(Map.of(), "", "incident", "resolve", "1", "--url", lookout.url(),
                "--config", dir.resolve("absent.yaml").toString());
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err()).contains(dir.resolve("absent.yaml") + ": file not found",
                "lookout: cannot take the admin token from " + dir.resolve("absent.yaml"));

        var noUrl = RunningLookout.runWith(Map.of(), "", "incident", "list", "--config", dir.resolve("absent.yaml").toString());
        assertThat(noUrl.exit()).isEqualTo(2);
        assertThat(noUrl.err()).contains("lookout: cannot take the URL from " + dir.resolve("absent.yaml"));

        var badUrl = RunningLookout.runWith(Map.of(), "", "incident", "list", "--url", "127.0.0.1:8080");
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("'127.0.0.1:8080' is not a Lookout URL");

        var noVerb = RunningLookout.runWith(Map.of(), "", "incident");
        assertThat(noVerb.exit()).isEqualTo(2);
        assertThat(noVerb.err()).contains("name what to do: create, update, resolve, postmortem, list or show");
    }
}
