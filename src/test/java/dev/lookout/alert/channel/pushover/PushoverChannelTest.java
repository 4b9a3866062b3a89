package dev.lookout.alert.channel.pushover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PushoverChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: push
                  type: pushover
                  token: APPTOKENSECRET
                  user: USERKEY
                  device: phone
                  url: %s/1/messages.json
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "APPTOKENSECRET";
    }

    @Test
    void posts_the_documented_form_fields() throws Exception {
        receiver.answer(200, Map.of(), "{\"status\":1,\"request\":\"abc\"}");
        channel().send(Messages.down());

        var request = receiver.single();
        assertThat(request.path()).isEqualTo("/1/messages.json");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> form = Arrays.stream(request.text().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(form).containsEntry("token", "APPTOKENSECRET").containsEntry("user", "USERKEY").containsEntry("device", "phone")
                .containsEntry("title", "Down: API <prod> & \"friends\" (api)").containsEntry("html", "1")
                .containsEntry("priority", "1").containsEntry("timestamp", Long.toString(Messages.AT.getEpochSecond()))
                .containsEntry("url", "https://status.example.com/monitors/api").containsEntry("url_title", "Open monitor");
        assertThat(form.get("message")).contains("<b>Down: API &lt;prod&gt; &amp; &quot;friends&quot; (api)</b>")
                .hasSizeLessThanOrEqualTo(1024);
    }
}
