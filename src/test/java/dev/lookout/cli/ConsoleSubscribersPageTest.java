package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /console/subscribers} (editors): search, pages of 50, removing one, the CSV export;
 * webhook URLs cut to their host on the page; viewers refused everywhere.
 */
class ConsoleSubscribersPageTest {
    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest();
    private final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 55; i++) {
            String host = i == 7 ? "alpha.example.com" : "hooks" + i + ".example.com";
            HttpResponse<String> added = NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/subscribers/webhooks")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"webhook_url\":\"https://" + host + "/secret-path-" + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            ids.add(new ObjectMapper().readTree(added.body()).path("id").asLong());
        }
    }


    private HttpResponse<String> post(String role, String path) throws Exception {
        return NodeHttp.HTTP.send(lookout.request(role, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_editor_pages_through_the_subscribers_and_sees_webhooks_without_their_path() throws Exception {
        HttpResponse<String> first = lookout.page("editor", "/console/subscribers");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("<p id=\"total\">55 subscribers.</p>", "<td class=\"address\">https://hooks1.example.com/…</td>",
                "Page 1 of 2", "href=\"/console/subscribers?page=2\"").doesNotContain("secret-path");
        assertThat(first.body().split("<tr data-subscriber=", -1)).hasSize(51);
        String second = lookout.page("editor", "/console/subscribers?page=2").body();
        assertThat(second.split("<tr data-subscriber=", -1)).hasSize(6);
        assertThat(second).contains("https://hooks55.example.com/…", "Page 2 of 2");
        assertThat(lookout.page("editor", "/console/subscribers?page=3").statusCode()).isEqualTo(400);

        String found = lookout.page("editor", "/console/subscribers?q=ALPHA").body();
        assertThat(found).contains("<p id=\"total\">1 subscriber matching the search.</p>", "https://alpha.example.com/…",
                "value=\"ALPHA\"", "href=\"/console/subscribers.csv?q=ALPHA\"");
        assertThat(found.split("<tr data-subscriber=", -1)).hasSize(2);
    }

    @Test
    void an_editor_removes_a_subscriber_and_a_viewer_cannot() throws Exception {
        long id = ids.get(0);
        assertThat(post("viewer", "/console/subscribers/" + id + "/delete").statusCode()).isEqualTo(403);
        HttpResponse<String> removed = post("editor", "/console/subscribers/" + id + "/delete");
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(removed.headers().firstValue("Location")).hasValue("/console/subscribers?done=removed+" + id);
        String page = lookout.page("editor", "/console/subscribers?done=removed+" + id).body();
        assertThat(page).contains("Subscriber " + id + " is removed.", "<p id=\"total\">54 subscribers.</p>")
                .doesNotContain("<tr data-subscriber=\"" + id + "\">");
        assertThat(post("editor", "/console/subscribers/" + id + "/delete").statusCode()).as("gone already").isEqualTo(404);
        assertThat(post("editor", "/console/subscribers/x/delete").statusCode()).isEqualTo(404);
    }

    @Test
    void the_csv_export_has_every_match_with_the_whole_address_for_editors_only() throws Exception {
        assertThat(lookout.page("viewer", "/console/subscribers").statusCode()).isEqualTo(403);
        assertThat(lookout.page("viewer", "/console/subscribers.csv").statusCode()).isEqualTo(403);
        assertThat(NodeHttp.HTTP.send(lookout.request("viewer", "/api/v1/subscribers.csv").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

        HttpResponse<String> csv = NodeHttp.HTTP.send(lookout.request("editor", "/console/subscribers.csv?q=alpha").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"subscribers.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("id,kind,address,components,created_at,confirmed_at");
        assertThat(lines.get(1)).startsWith(ids.get(6) + ",webhook,https://alpha.example.com/secret-path-7,,");
        String all = NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/subscribers.csv").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(all.lines()).hasSize(56);
    }
}
