package dev.lookout.alert.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.ChannelFixture;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: hook
                  type: webhook
                  url: %s/hook?token=TOKENSECRET
                  secret: signing-key
                  headers:
                    X-Team: sre
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "TOKENSECRET";
    }

    @Test
    void posts_the_documented_json_with_every_alert_field() throws Exception {
        channel().send(Messages.grouped());

        var request = receiver.single();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook?token=TOKENSECRET");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Team")).isEqualTo("sre");
        assertThat(request.header("X-Lookout-Delivery")).isEqualTo("msg-42");
        assertThat(request.header("X-Lookout-Event")).isEqualTo("down");
        JsonNode body = request.json();
        assertThat(body.get("id").asText()).isEqualTo("msg-42");
        assertThat(body.get("kind").asText()).isEqualTo("down");
        assertThat(body.get("at").asText()).isEqualTo("2026-11-23T10:15:00Z");
        assertThat(body.get("node").asText()).isEqualTo("node-1");
        assertThat(body.get("title").asText()).isEqualTo("2 alerts: 1 degraded, 1 down");
        assertThat(body.get("text").asText()).contains("Down: API <prod> & \"friends\" (api)", "Seen from node-1");
        JsonNode api = body.get("alerts").get(0);
        assertThat(api.get("episode").asText()).isEqualTo("api@2026-11-23T10:03:00Z");
        assertThat(api.get("kind").asText()).isEqualTo("down");
        assertThat(api.get("monitor_id").asText()).isEqualTo("api");
        assertThat(api.get("monitor_name").asText()).isEqualTo("API <prod> & \"friends\"");
        assertThat(api.get("monitor_type").asText()).isEqualTo("http");
        assertThat(api.get("component").asText()).isEqualTo("website");
        assertThat(api.get("state").asText()).isEqualTo("DOWN");
        assertThat(api.get("since").asText()).isEqualTo("2026-11-23T10:03:00Z");
        assertThat(api.get("down_for").isNull()).isTrue();
        assertThat(api.get("cause").asText()).isEqualTo("HTTP 503 from 10.0.0.7");
        assertThat(api.get("failed_conditions").get(1).get("condition").asText()).isEqualTo("latency < 300ms");
        assertThat(api.get("failed_conditions").get(1).get("actual").asText()).isEqualTo("1.2s");
        assertThat(api.get("dependents").toString()).isEqualTo("[\"checkout\",\"search\"]");
        assertThat(api.get("monitor_url").asText()).isEqualTo("https://status.example.com/monitors/api");
        assertThat(api.get("ack_url").asText()).isEqualTo("https://status.example.com/ack/api%402026?sig=abc");
        assertThat(body.get("alerts").get(1).get("component").isNull()).isTrue();
        assertThat(body.get("alerts").get(1).get("ack_url").isNull()).isTrue();
    }

    @Test
    void signs_the_exact_body_bytes_with_hmac_sha256() throws Exception {
        channel().send(Messages.down());

        var request = receiver.single();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(request.header("X-Lookout-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())));
    }

    @Test
    void a_body_template_replaces_the_body_with_json_escaped_values_and_another_method() throws Exception {
        var channel = ChannelFixture.channel("""
                - id: hook
                  type: webhook
                  method: put
                  url: %s/incidents
                  headers: { Content-Type: "application/vnd.example+json" }
                  body_template: '{"summary": "{{title}}", "monitors": [{{#alerts}}"{{monitor_name}}",{{/alerts}} null]}'
                """.formatted(receiver.url("")), Duration.ofSeconds(5));
        channel.send(Messages.down());

        var request = receiver.single();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.header("Content-Type")).isEqualTo("application/vnd.example+json");
        assertThat(request.header("X-Lookout-Signature")).isNull();
        assertThat(request.json().get("summary").asText()).isEqualTo("Down: API <prod> & \"friends\" (api)");
        assertThat(request.json().get("monitors").get(0).asText()).isEqualTo("API <prod> & \"friends\"");
    }
}
