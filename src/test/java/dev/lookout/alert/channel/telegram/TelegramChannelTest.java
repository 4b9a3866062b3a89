package dev.lookout.alert.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TelegramChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: tg
                  type: telegram
                  bot_token: "123456:BOTTOKENSECRET"
                  chat_id: "-1001234567890"
                  url: %s
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "BOTTOKENSECRET";
    }

    @Test
    void sends_an_html_message_with_every_value_escaped() throws Exception {
        channel().send(Messages.down());

        var request = receiver.single();
        assertThat(request.path()).isEqualTo("/bot123456:BOTTOKENSECRET/sendMessage");
        JsonNode body = request.json();
        assertThat(body.get("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(body.get("parse_mode").asText()).isEqualTo("HTML");
        assertThat(body.get("link_preview_options").get("is_disabled").asBoolean()).isTrue();
        assertThat(body.get("text").asText())
                .startsWith("<b>Down: API &lt;prod&gt; &amp; &quot;friends&quot; (api)</b>\n\n")
                .contains("<b>Since:</b> 2026-11-23 10:03:00 UTC (12m ago)", "• latency &lt; 300ms (actual: 1.2s)")
                .contains("<a href=\"https://status.example.com/ack/api%402026?sig=abc\">Acknowledge</a>")
                .endsWith("Seen from node-1 at 2026-11-23 10:15:00 UTC");
    }

    @Test
    void a_message_without_alerts_escapes_its_text() throws Exception {
        channel().send(Messages.test());

        assertThat(receiver.single().json().get("text").asText())
                .isEqualTo("<b>Test notification from Lookout</b>\n\nThis is a test of channel &#39;ops&#39; &lt;sent by lookout notify-test&gt;."
                        + "\n\nSeen from node-1 at 2026-11-23 10:15:00 UTC");
    }
}
