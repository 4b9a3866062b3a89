package dev.lookout.alert.channel.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MattermostChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: ops-mattermost
                  type: mattermost
                  url: %s/hooks/MMSECRET
                  channel: town-square
                  username: lookout
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "MMSECRET";
    }

    @Test
    void posts_the_title_and_one_coloured_attachment_per_alert() throws Exception {
        channel().send(Messages.grouped());

        JsonNode body = receiver.single().json();
        assertThat(body.get("text").asText()).isEqualTo("#### 2 alerts: 1 degraded, 1 down");
        assertThat(body.get("channel").asText()).isEqualTo("town-square");
        assertThat(body.get("username").asText()).isEqualTo("lookout");
        JsonNode attachments = body.get("attachments");
        assertThat(attachments).hasSize(2);
        assertThat(attachments.get(0).get("color").asText()).isEqualTo("#d93f3f");
        assertThat(attachments.get(0).get("fallback").asText()).isEqualTo("2 alerts: 1 degraded, 1 down");
        assertThat(attachments.get(0).get("text").asText()).contains("**State:** DOWN", "[Open monitor](https://status.example.com/monitors/api)");
        assertThat(attachments.get(1).get("color").asText()).isEqualTo("#e8a317");
        assertThat(attachments.get(1).get("footer").asText()).isEqualTo("Seen from node-1 at 2026-11-23 10:15:00 UTC");
    }
}
