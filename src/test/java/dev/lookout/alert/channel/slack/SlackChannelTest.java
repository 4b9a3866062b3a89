package dev.lookout.alert.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.alert.channel.HttpChannelContract;
import dev.lookout.alert.channel.Messages;
import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class SlackChannelTest extends HttpChannelContract {

    @Override
    protected String yaml(URI base) {
        return """
                - id: ops-slack
                  type: slack
                  url: %s/services/T000/B000/XXXXSECRET
                """.formatted(base);
    }

    @Override
    protected String secret() {
        return "XXXXSECRET";
    }

    @Test
    void posts_block_kit_with_a_header_a_section_per_alert_and_the_vantage_point() throws Exception {
        channel().send(Messages.grouped());

        var request = receiver.single();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T000/B000/XXXXSECRET");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = request.json();
        assertThat(body.get("text").asText()).isEqualTo("2 alerts: 1 degraded, 1 down");
        List<String> types = StreamSupport.stream(body.get("blocks").spliterator(), false).map(b -> b.get("type").asText()).toList();
        assertThat(types).containsExactly("header", "section", "section", "context");
        JsonNode header = body.get("blocks").get(0).get("text");
        assertThat(header.get("type").asText()).isEqualTo("plain_text");
        assertThat(header.get("text").asText()).isEqualTo("2 alerts: 1 degraded, 1 down");
        JsonNode down = body.get("blocks").get(1).get("text");
        assertThat(down.get("type").asText()).isEqualTo("mrkdwn");
        assertThat(down.get("text").asText())
                .contains("*Down: API &lt;prod&gt; &amp; \"friends\" (api)*")
                .contains("*Type:* http", "*Component:* website", "*State:* DOWN", "*Since:* 2026-11-23 10:03:00 UTC (12m ago)")
                .contains("*Cause:* HTTP 503 from 10.0.0.7", "• status == 200 (actual: 503)", "• latency &lt; 300ms (actual: 1.2s)")
                .contains("2: checkout, search")
                .contains("<https://status.example.com/monitors/api|Open monitor>")
                .contains("<https://status.example.com/ack/api%402026?sig=abc|Acknowledge>");
        assertThat(body.get("blocks").get(2).get("text").get("text").asText()).contains("*Degraded: Database (db)*")
                .contains("latency &lt; 100ms [degraded] (actual: 240ms)");
        assertThat(body.get("blocks").get(3).get("elements").get(0).get("text").asText())
                .isEqualTo("Seen from node-1 at 2026-11-23 10:15:00 UTC");
    }

    @Test
    void says_how_long_a_recovered_monitor_was_down() throws Exception {
        channel().send(Messages.of(Messages.apiRecovered()));

        JsonNode body = receiver.single().json();
        assertThat(body.get("text").asText()).isEqualTo("Recovered: API <prod> & \"friends\" (api)");
        assertThat(body.get("blocks").get(1).get("text").get("text").asText()).contains("*Was down for:* 12m");
    }

    @Test
    void a_template_replaces_title_and_body() throws Exception {
        var channel = dev.lookout.alert.channel.ChannelFixture.channel(yaml(receiver.url("")) + """
                  template:
                    title: "{{kind}} on {{node}}"
                    body: "{{#alerts}}{{monitor_name}} is {{state}}{{#ack_url}} (ack: {{ack_url}}){{/ack_url}}\\n{{/alerts}}"
                """, java.time.Duration.ofSeconds(5));
        channel.send(Messages.grouped());

        JsonNode body = receiver.single().json();
        assertThat(body.get("text").asText()).isEqualTo("down on node-1");
        assertThat(body.get("blocks")).hasSize(2);
        assertThat(body.get("blocks").get(1).get("text").get("text").asText())
                .isEqualTo("API <prod> & \"friends\" is DOWN (ack: https://status.example.com/ack/api%402026?sig=abc)\nDatabase is DEGRADED\n");
    }
}
