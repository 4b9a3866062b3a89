package dev.lookout.alert.channel.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PagerDutyChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: oncall
                  type: pagerduty
                  routing_key: R0UTINGKEYSECRET0000000000000000
                  url: %s/v2/enqueue
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "R0UTINGKEYSECRET";
    }

    @Test
    void triggers_one_event_per_alert_keyed_by_episode() throws Exception {
        channel().send(Messages.grouped());

        assertThat(receiver.requests()).hasSize(2);
        var request = receiver.requests().getFirst();
        assertThat(request.path()).isEqualTo("/v2/enqueue");
        JsonNode event = request.json();
        assertThat(event.get("routing_key").asText()).isEqualTo("R0UTINGKEYSECRET0000000000000000");
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("api@2026-11-23T10:03:00Z");
        assertThat(event.get("client").asText()).isEqualTo("Lookout");
        assertThat(event.get("client_url").asText()).isEqualTo("https://status.example.com/monitors/api");
        JsonNode payload = event.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("Down: API <prod> & \"friends\" (api): HTTP 503 from 10.0.0.7");
        assertThat(payload.get("source").asText()).isEqualTo("api");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-23T10:15:00Z");
        assertThat(payload.get("component").asText()).isEqualTo("website");
        assertThat(payload.get("group").asText()).isEqualTo("http");
        assertThat(payload.get("class").asText()).isEqualTo("down");
        JsonNode details = payload.get("custom_details");
        assertThat(details.get("node").asText()).isEqualTo("node-1");
        assertThat(details.get("cause").asText()).isEqualTo("HTTP 503 from 10.0.0.7");
        assertThat(details.get("failed_conditions").get(0).get("actual").asText()).isEqualTo("503");
        assertThat(event.get("links").get(0).get("href").asText()).isEqualTo("https://status.example.com/monitors/api");
        assertThat(event.get("links").get(1).get("text").asText()).isEqualTo("Acknowledge");

        JsonNode degraded = receiver.requests().get(1).json();
        assertThat(degraded.get("dedup_key").asText()).isEqualTo("db@2026-11-23T10:10:00Z");
        assertThat(degraded.get("payload").get("severity").asText()).isEqualTo("warning");
        assertThat(degraded.get("payload").get("component").asText()).isEqualTo("db");
    }

    @Test
    void acknowledges_and_resolves_the_same_dedup_key() throws Exception {
        channel().send(Messages.of(Messages.apiAcknowledged()));
        channel().send(Messages.of(Messages.apiRecovered()));

        JsonNode ack = receiver.requests().get(0).json();
        assertThat(ack.get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(ack.get("dedup_key").asText()).isEqualTo("api@2026-11-23T10:03:00Z");
        assertThat(ack.has("payload")).isFalse();
        JsonNode resolve = receiver.requests().get(1).json();
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo("api@2026-11-23T10:03:00Z");
    }

    @Test
    void a_message_without_alerts_is_one_event_keyed_by_its_id() throws Exception {
        channel().send(Messages.test());

        JsonNode event = receiver.single().json();
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("lookout-msg-test");
        assertThat(event.get("payload").get("summary").asText()).isEqualTo("Test notification from Lookout");
        assertThat(event.get("payload").get("source").asText()).isEqualTo("node-1");
        assertThat(event.get("payload").get("severity").asText()).isEqualTo("info");
    }
}
