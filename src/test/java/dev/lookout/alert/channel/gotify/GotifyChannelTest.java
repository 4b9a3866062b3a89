package dev.lookout.alert.channel.gotify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import org.junit.jupiter.api.Test;

class GotifyChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: gotify
                  type: gotify
                  url: %s
                  token: APPGOTIFYSECRET
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "APPGOTIFYSECRET";
    }

    @Test
    void posts_a_markdown_message_with_priority_and_click_url() throws Exception {
        channel().send(Messages.of(Messages.apiRecovered()));

        var request = receiver.single();
        assertThat(request.path()).isEqualTo("/message");
        assertThat(request.header("X-Gotify-Key")).isEqualTo("APPGOTIFYSECRET");
        JsonNode body = request.json();
        assertThat(body.get("title").asText()).isEqualTo("Recovered: API <prod> & \"friends\" (api)");
        assertThat(body.get("message").asText()).contains("**Was down for:** 12m");
        assertThat(body.get("priority").asInt()).isEqualTo(3);
        assertThat(body.get("extras").get("client::display").get("contentType").asText()).isEqualTo("text/markdown");
        assertThat(body.get("extras").get("client::notification").get("click").get("url").asText())
                .isEqualTo("https://status.example.com/monitors/api");
    }

    @Test
    void a_server_url_with_a_trailing_slash_still_posts_to_message() throws Exception {
        String url = receiver.url("").toString();
        dev.lookout.alert.channel.ChannelFixture.channel(yaml(URI.create(url.endsWith("/") ? url : url + "/")),
                java.time.Duration.ofSeconds(5)).send(Messages.of(Messages.apiRecovered()));
        assertThat(receiver.single().path()).isEqualTo("/message");
    }
}
