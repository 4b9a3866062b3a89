package dev.lookout.alert.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TeamsChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: ops-teams
                  type: teams
                  url: %s/workflows/abc/triggers/manual/paths/invoke?sig=TEAMSSECRET
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "TEAMSSECRET";
    }

    @Test
    void posts_a_message_with_an_adaptive_card() throws Exception {
        receiver.answer(202, java.util.Map.of(), "");
        channel().send(Messages.down());

        JsonNode body = receiver.single().json();
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("attachments")).hasSize(1);
        JsonNode attachment = body.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.has("contentUrl")).isTrue();
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.get("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        JsonNode blocks = card.get("body");
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("TextBlock");
        assertThat(blocks.get(0).get("text").asText()).isEqualTo("Down: API <prod> & \"friends\" (api)");
        assertThat(blocks.get(0).get("color").asText()).isEqualTo("Attention");
        assertThat(blocks.get(1).get("text").asText()).contains("**Failed conditions:**\n\n• status == 200 (actual: 503)");
        assertThat(blocks.get(2).get("text").asText()).isEqualTo("Seen from node-1 at 2026-11-23 10:15:00 UTC");
        JsonNode actions = card.get("actions");
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).get("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(actions.get(0).get("url").asText()).isEqualTo("https://status.example.com/monitors/api");
        assertThat(actions.get(1).get("title").asText()).isEqualTo("Acknowledge");
    }
}
