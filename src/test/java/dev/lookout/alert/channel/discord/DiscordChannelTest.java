package dev.lookout.alert.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DiscordChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: ops-discord
                  type: discord
                  url: %s/api/webhooks/123/DISCORDSECRET
                  username: Lookout
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "DISCORDSECRET";
    }

    @Test
    void posts_one_embed_per_alert_coloured_by_kind() throws Exception {
        receiver.answer(204, java.util.Map.of(), "");
        channel().send(Messages.grouped());

        var request = receiver.single();
        assertThat(request.path()).isEqualTo("/api/webhooks/123/DISCORDSECRET");
        JsonNode body = request.json();
        assertThat(body.get("username").asText()).isEqualTo("Lookout");
        assertThat(body.get("allowed_mentions").get("parse")).isEmpty();
        JsonNode embeds = body.get("embeds");
        assertThat(embeds).hasSize(2);
        assertThat(embeds.get(0).get("title").asText()).isEqualTo("2 alerts: 1 degraded, 1 down");
        assertThat(embeds.get(0).get("color").asInt()).isEqualTo(0xD93F3F);
        assertThat(embeds.get(0).get("description").asText())
                .contains("**Down: API \\<prod\\> & \"friends\" (api)**", "**Cause:** HTTP 503 from 10.0.0.7")
                .contains("• status == 200 (actual: 503)", "[Acknowledge](https://status.example.com/ack/api%402026?sig=abc)");
        assertThat(embeds.get(1).has("title")).isFalse();
        assertThat(embeds.get(1).get("color").asInt()).isEqualTo(0xE8A317);
        assertThat(embeds.get(1).get("footer").get("text").asText()).isEqualTo("Seen from node-1 at 2026-11-23 10:15:00 UTC");
        assertThat(embeds.get(1).get("timestamp").asText()).isEqualTo("2026-11-23T10:15:00Z");
    }

    @Test
    void a_recovery_is_green() throws Exception {
        channel().send(Messages.of(Messages.apiRecovered()));

        assertThat(receiver.single().json().get("embeds").get(0).get("color").asInt()).isEqualTo(0x2EA44F);
    }
}
