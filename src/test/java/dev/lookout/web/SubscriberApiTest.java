package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.heartbeat.PingIngest;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import dev.lookout.subscribe.SubscriberTokens;
import dev.lookout.subscribe.Subscriptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/subscribers} and the confirm and unsubscribe links, against a real server and a real SQLite store. */
class SubscriberApiTest {
    private static final String TOKEN = "subscriber-test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            server:
              public_url: "https://status.example.com"
            components:
              - { id: web, name: "Web Shop" }
              - { id: api, name: API }
              - { id: db, name: Database }
            channels:
              - { id: smtp, type: email, host: 127.0.0.1, port: 2525, security: none, from: "status@example.com", to: [ops@example.com] }
            """;

    @TempDir
    Path dir;
    private final ManualTime clock = new ManualTime(Instant.parse("2026-03-10T12:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final SubscriberTokens tokens = new SubscriberTokens(new byte[32]);
    private Store store;
    private WebServer web;

    private void start(String subscriptions) throws Exception {
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Channels.standard(), Map.of()).parse("t.yaml",
                CONFIG + subscriptions);
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults().withClock(clock));
        Subscriptions subscriptions1 = new Subscriptions(store.subscribers(), store.outbox(), () -> config, tokens, clock);
        web = new WebServer(null, new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "T", PingIngest.NONE,
                TOKEN, List.of(new SubscriberApi(subscriptions1))).start("127.0.0.1", 0);
    }

    private void start() throws Exception {
        start("subscriptions: { email_channel: smtp }\n");
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body, boolean admin) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> subscribe(String body) throws Exception {
        return send("POST", "/api/v1/subscribers", body, false);
    }

    private JsonNode subscribers() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/subscribers", null, true);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("subscribers");
    }

    private List<NotificationRecord> outbox() {
        return store.outbox().notifications(null, null, 100).reversed();
    }

    private static final String ACCEPTED = "{\"status\":\"pending\",\"message\":\"If this address can receive mail, a"
            + " confirmation link is on its way. Nothing else is sent to it until the link is followed.\"}";

    @Test
    void subscribing_writes_a_confirmation_mail_to_the_outbox_and_only_a_post_on_its_link_confirms() throws Exception {
        start();
        HttpResponse<String> accepted = subscribe("{\"email\": \" Ada@Example.com \", \"components\": [\"web\", \"api\", \"web\"]}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo(ACCEPTED);
        assertThat(outbox()).singleElement().satisfies(n -> {
            assertThat(n.channelId()).isEqualTo("subscriber:1");
            assertThat(n.kind()).isEqualTo("SUBSCRIPTION_CONFIRMATION");
            assertThat(n.dedupKey()).startsWith("sub/1/confirm/");
            assertThat(n.status()).isEqualTo("pending");
        });
        JsonNode ada = subscribers().get(0);
        assertThat(ada.get("address").asText()).isEqualTo("ada@example.com");
        assertThat(ada.get("kind").asText()).isEqualTo("email");
        assertThat(ada.get("components").toString()).isEqualTo("[\"web\",\"api\"]");
        assertThat(ada.get("confirmed_at").isNull()).isTrue();

        String link = "/subscribe/confirm/" + tokens.token(SubscriberTokens.Purpose.CONFIRM, 1);
        HttpResponse<String> page = send("GET", link, null, false);
        send("GET", link, null, false); // a mail scanner checking the link, twice
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).contains("<h1>Confirm your subscription</h1>",
                "ada@example.com will receive status updates about Web Shop, API.", "<form method=\"post\">");
        assertThat(subscribers().get(0).get("confirmed_at").isNull()).as("a GET confirms nothing").isTrue();

        clock.advance(Duration.ofMinutes(3));
        HttpResponse<String> confirmed = send("POST", link, null, false);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<h1>Subscribed</h1>").doesNotContain("<form");
        assertThat(subscribers().get(0).get("confirmed_at").asText()).isEqualTo("2026-03-10T12:03:00Z");
        assertThat(send("POST", link, null, false).body()).contains("<h1>Already confirmed</h1>");
        assertThat(send("GET", link, null, false).body()).contains("<h1>Already confirmed</h1>").doesNotContain("<form");

        HttpResponse<String> unknown = send("GET", "/subscribe/confirm/not-a-token", null, false);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<h1>This link does not work</h1>");
        assertThat(send("POST", "/subscribe/confirm/not-a-token", null, false).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/subscribe/confirm/" + tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, 1), null, false)
                .statusCode()).as("an unsubscribe token does not confirm").isEqualTo(404);
    }

    @Test
    void subscribing_again_answers_the_same_and_mails_the_confirmation_at_most_once_an_hour() throws Exception {
        start();
        assertThat(subscribe("{\"email\": \"ada@example.com\"}").body()).isEqualTo(ACCEPTED);
        assertThat(subscribe("{\"email\": \"ADA@example.com\", \"components\": [\"db\"]}").body()).isEqualTo(ACCEPTED);
        assertThat(outbox()).hasSize(1);

        clock.advance(Duration.ofHours(1));
        assertThat(subscribe("{\"email\": \"ada@example.com\"}").statusCode()).isEqualTo(202);
        assertThat(outbox()).as("the confirmation again, for someone who lost it").hasSize(2);

        send("POST", "/subscribe/confirm/" + tokens.token(SubscriberTokens.Purpose.CONFIRM, 1), null, false);
        clock.advance(Duration.ofHours(1));
        assertThat(subscribe("{\"email\": \"ada@example.com\"}").body()).as("confirmed: the same answer").isEqualTo(ACCEPTED);
        assertThat(outbox()).as("and nothing sent").hasSize(2);
        assertThat(subscribers()).hasSize(1);
        assertThat(subscribers().get(0).get("components").toString()).as("a request changes nobody's choice").isEqualTo("[]");
    }

    @Test
    void unsubscribing_needs_a_post_on_the_link_which_a_mail_program_can_send_in_one_click() throws Exception {
        start();
        subscribe("{\"email\": \"ada@example.com\"}");
        send("POST", "/subscribe/confirm/" + tokens.token(SubscriberTokens.Purpose.CONFIRM, 1), null, false);
        String link = "/unsubscribe/" + tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, 1);

        HttpResponse<String> page = send("GET", link, null, false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Unsubscribe?</h1>",
                "ada@example.com will no longer receive status updates about all components.", "<form method=\"post\">");
        assertThat(subscribers()).as("a GET unsubscribes nobody").hasSize(1);

        var oneClick = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
        HttpResponse<String> done = http.send(oneClick, HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("<h1>Unsubscribed</h1>");
        assertThat(subscribers()).isEmpty();
        assertThat(send("POST", link, null, false).body()).contains("<h1>Already unsubscribed</h1>");
        assertThat(send("GET", link, null, false).body()).contains("<h1>Already unsubscribed</h1>").doesNotContain("<form");
        assertThat(send("POST", "/subscribe/confirm/" + tokens.token(SubscriberTokens.Purpose.CONFIRM, 1), null, false)
                .statusCode()).as("an old confirm link does not bring it back").isEqualTo(404);
        assertThat(send("GET", "/unsubscribe/nope", null, false).statusCode()).isEqualTo(404);

        assertThat(subscribe("{\"email\": \"ada@example.com\"}").statusCode()).isEqualTo(202);
        assertThat(subscribers()).as("and the address may subscribe again").extracting(s -> s.get("id").asLong())
                .containsExactly(2L);
    }

    @Test
    void an_operator_adds_a_webhook_subscriber_confirmed_at_once_lists_and_deletes_it() throws Exception {
        start();
        String hook = "{\"webhook_url\": \"https://hooks.example.com/status\", \"components\": [\"api\"]}";
        HttpResponse<String> onThePublicRoute = send("POST", "/api/v1/subscribers", hook, true);
        assertThat(onThePublicRoute.statusCode()).isEqualTo(400);
        assertThat(onThePublicRoute.body()).contains("POST /api/v1/subscribers/webhooks");
        HttpResponse<String> anonymous = send("POST", "/api/v1/subscribers/webhooks", hook, false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("missing admin token or API key");

        HttpResponse<String> created = send("POST", "/api/v1/subscribers/webhooks", hook, true);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"id\":1,\"kind\":\"webhook\",\"address\":\"https://hooks.example.com/status\","
                + "\"components\":[\"api\"],\"created_at\":\"2026-03-10T12:00:00Z\",\"confirmed_at\":\"2026-03-10T12:00:00Z\"}");
        HttpResponse<String> again = send("POST", "/api/v1/subscribers/webhooks", hook, true);
        assertThat(again.statusCode()).as("the same URL again").isEqualTo(200);
        assertThat(again.body()).isEqualTo(created.body());
        subscribe("{\"email\": \"ada@example.com\"}");
        assertThat(subscribers()).extracting(s -> s.get("address").asText())
                .containsExactly("https://hooks.example.com/status", "ada@example.com");
        long ada = subscribers().get(1).get("id").asLong();
        assertThat(outbox()).as("a webhook needs no confirmation").extracting(NotificationRecord::channelId)
                .containsExactly("subscriber:" + ada);

        assertThat(send("GET", "/api/v1/subscribers", null, false).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/subscribers/1", null, false).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/subscribers/1", null, true).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = send("DELETE", "/api/v1/subscribers/1", null, true);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("{\"error\":\"no subscriber with id 1\",\"status\":404}");
        assertThat(send("DELETE", "/api/v1/subscribers/abc", null, true).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/subscribers/" + ada, null, true).statusCode()).isEqualTo(204);
        assertThat(subscribers()).isEmpty();
        assertThat(outbox()).as("the deleted address's pending confirmation is taken back").isEmpty();
    }

    @Test
    void the_list_pages_a_search_by_cursor_and_the_export_reads_every_page() throws Exception {
        start();
        int count = 1205; // more than one page of the list and of the export
        for (int i = 1; i <= count; i++) {
            store.subscribers().add(dev.lookout.subscribe.SubscriberKind.EMAIL, "user" + i + (i % 2 == 0 ? "@even.example"
                    : "@odd.example"), List.of(), clock.instant(), clock.instant(), id -> new dev.lookout.subscribe.Subscribers
                    .TokenHashes("c" + id, "u" + id));
        }
        HttpResponse<String> first = send("GET", "/api/v1/subscribers?q=EVEN&limit=600", null, true);
        JsonNode page = JSON.readTree(first.body());
        assertThat(page.get("subscribers")).hasSize(600);
        assertThat(page.get("subscribers").get(0).get("address").asText()).isEqualTo("user2@even.example");
        long next = page.get("next").asLong();
        assertThat(next).isEqualTo(page.get("subscribers").get(599).get("id").asLong());
        assertThat(first.headers().firstValue("Link")).hasValue("</api/v1/subscribers?q=EVEN&limit=600&cursor=" + next
                + ">; rel=\"next\"");
        JsonNode last = JSON.readTree(send("GET", "/api/v1/subscribers?q=EVEN&limit=600&cursor=" + next, null, true).body());
        assertThat(last.get("subscribers")).extracting(n -> n.get("address").asText()).containsExactly("user1202@even.example",
                "user1204@even.example");
        assertThat(last.get("next").isNull()).isTrue();

        List<String> csv = send("GET", "/api/v1/subscribers.csv", null, true).body().lines().toList();
        assertThat(csv).hasSize(count + 1);
        assertThat(csv.getFirst()).isEqualTo(dev.lookout.subscribe.SubscriberCsv.HEADER);
        assertThat(csv.get(1)).startsWith("1,email,user1@odd.example,");
        assertThat(csv.getLast()).startsWith(count + ",email,user" + count + "@odd.example,");
        assertThat(send("GET", "/api/v1/subscribers.csv?q=odd", null, true).body().lines()).hasSize(603 + 1);
    }

    @Test
    void bad_input_is_a_400_in_json_that_says_what_is_wrong_and_stores_nothing() throws Exception {
        start();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"email\": \"not-an-address\"}", "'not-an-address' is not an email address (name@example.com)");
        refused.put("{\"email\": \"ada@localhost\"}", "'ada@localhost' is not an email address (name@example.com)");
        refused.put("{\"email\": \"ada@example.com\", \"components\": [\"web\", \"nope\"]}",
                "unknown component 'nope' (known: web, api, db)");
        refused.put("{}", "email is required (a webhook is added at POST /api/v1/subscribers/webhooks)");
        refused.put("{\"email\": \"\"}", "email is required");
        refused.put("{\"emial\": \"ada@example.com\"}",
                "unknown field 'emial' at line 1, col 29 (known: components, email, webhook_url)");
        refused.put("{\"email\": \"ada@example.com\", \"components\": \"web\"}", "field 'components': ");
        refused.put("", "expected a JSON object in the request body");
        for (var entry : refused.entrySet()) {
            HttpResponse<String> response = subscribe(entry.getKey());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(JSON.readTree(response.body()).get("error").asText()).as(entry.getKey()).startsWith(entry.getValue());
        }
        HttpResponse<String> ftp = send("POST", "/api/v1/subscribers/webhooks", "{\"webhook_url\": \"ftp://files.example.com/\"}", true);
        assertThat(ftp.statusCode()).isEqualTo(400);
        assertThat(ftp.body()).contains("is not an http:// or https:// URL with a host");
        HttpResponse<String> both = send("POST", "/api/v1/subscribers/webhooks",
                "{\"webhook_url\": \"https://hooks.example.com/\", \"email\": \"ada@example.com\"}", true);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("give either email or webhook_url, not both");
        assertThat(subscribers()).isEmpty();
        assertThat(outbox()).isEmpty();
    }

    @Test
    void without_an_email_channel_subscribing_by_email_is_refused_saying_what_to_configure() throws Exception {
        start("");
        HttpResponse<String> response = subscribe("{\"email\": \"ada@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("subscriptions.email_channel");
        assertThat(send("POST", "/api/v1/subscribers/webhooks", "{\"webhook_url\": \"https://hooks.example.com/\"}", true).statusCode())
                .as("webhooks need no mail").isEqualTo(201);
    }
}
