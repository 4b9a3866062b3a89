package dev.lookout.alert.channel.ntfy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class NtfyChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: phone
                  type: ntfy
                  url: %s
                  topic: lookout-alerts
                  token: tk_NTFYSECRET
                  tags: [prod]
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "NTFYSECRET";
    }

    @Test
    void publishes_json_with_title_priority_tags_and_actions() throws Exception {
        channel().send(Messages.down());

        var request = receiver.single();
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.header("Authorization")).isEqualTo("Bearer tk_NTFYSECRET");
        JsonNode body = request.json();
        assertThat(body.get("topic").asText()).isEqualTo("lookout-alerts");
        assertThat(body.get("title").asText()).isEqualTo("Down: API <prod> & \"friends\" (api)");
        assertThat(body.get("message").asText()).contains("**Cause:** HTTP 503 from 10.0.0.7", "Seen from node-1");
        assertThat(body.get("markdown").asBoolean()).isTrue();
        assertThat(body.get("priority").asInt()).isEqualTo(5);
        assertThat(body.get("tags").toString()).isEqualTo("[\"rotating_light\",\"prod\"]");
        assertThat(body.get("click").asText()).isEqualTo("https://status.example.com/monitors/api");
        JsonNode actions = body.get("actions");
        assertThat(actions).hasSize(2);
        assertThat(actions.get(1).get("action").asText()).isEqualTo("view");
        assertThat(actions.get(1).get("label").asText()).isEqualTo("Acknowledge");
        assertThat(actions.get(1).get("url").asText()).isEqualTo("https://status.example.com/ack/api%402026?sig=abc");
    }
}
