package dev.lookout.alert.channel.opsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OpsgenieChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: genie
                  type: opsgenie
                  api_key: GENIEKEYSECRET
                  url: %s
                  tags: [prod]
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "GENIEKEYSECRET";
    }

    @Test
    void creates_an_alert_aliased_by_the_episode() throws Exception {
        receiver.answer(202, java.util.Map.of(), "{\"result\":\"Request will be processed\"}");
        channel().send(Messages.down());

        var request = receiver.single();
        assertThat(request.path()).isEqualTo("/v2/alerts");
        assertThat(request.header("Authorization")).isEqualTo("GenieKey GENIEKEYSECRET");
        JsonNode body = request.json();
        assertThat(body.get("message").asText()).isEqualTo("Down: API <prod> & \"friends\" (api)");
        assertThat(body.get("alias").asText()).isEqualTo("api@2026-11-23T10:03:00Z");
        assertThat(body.get("description").asText()).contains("Cause: HTTP 503 from 10.0.0.7", "status == 200 (actual: 503)",
                "Acknowledge: https://status.example.com/ack/api%402026?sig=abc", "Seen from node-1");
        assertThat(body.get("priority").asText()).isEqualTo("P1");
        assertThat(body.get("tags").toString()).isEqualTo("[\"prod\",\"lookout\",\"down\"]");
        assertThat(body.get("entity").asText()).isEqualTo("website");
        assertThat(body.get("source").asText()).isEqualTo("Lookout (node-1)");
        assertThat(body.get("details").get("monitor_id").asText()).isEqualTo("api");
        assertThat(body.get("details").get("ack_url").asText()).isEqualTo("https://status.example.com/ack/api%402026?sig=abc");
        assertThat(body.get("details").get("node").asText()).isEqualTo("node-1");
    }

    @Test
    void closes_and_acknowledges_by_alias() throws Exception {
        channel().send(Messages.of(Messages.apiAcknowledged()));
        channel().send(Messages.of(Messages.apiRecovered()));

        var ack = receiver.requests().get(0);
        assertThat(ack.path()).isEqualTo("/v2/alerts/api%402026-11-23T10%3A03%3A00Z/acknowledge?identifierType=alias");
        assertThat(ack.json().get("source").asText()).isEqualTo("Lookout (node-1)");
        var close = receiver.requests().get(1);
        assertThat(close.path()).isEqualTo("/v2/alerts/api%402026-11-23T10%3A03%3A00Z/close?identifierType=alias");
        assertThat(close.json().get("note").asText()).isEqualTo("Recovered: API <prod> & \"friends\" (api) (down for 12m)");
    }
}
