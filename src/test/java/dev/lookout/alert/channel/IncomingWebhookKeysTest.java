package dev.lookout.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lookout.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The channel types that are an incoming webhook URL and nothing else read their keys alike. */
class IncomingWebhookKeysTest {

    private static String errors(String channelYaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ChannelFixture.load(channelYaml, Map.of()));
        assertThat(e).as("the configuration is rejected").isNotNull();
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "teams"})
    void reads_a_secret_url_and_a_template(String type) throws Exception {
        Channel channel = ChannelFixture.channel("""
                - id: ops
                  type: %s
                  url: "https://hooks.example.com/services/T0/B0/TOKENSECRET"
                  template: { title: "{{kind}}" }
                """.formatted(type), Duration.ofSeconds(1));

        assertThat(channel.id()).isEqualTo("ops");
        assertThat(channel.toString()).doesNotContain("TOKENSECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "teams"})
    void reports_a_missing_url_an_unknown_key_and_a_bad_template_at_once(String type) {
        String errors = errors("""
                - id: ops
                  type: %s
                  channel: "#ops"
                  template: { title: "{{kindd}}", footer: x }
                """.formatted(type));

        assertThat(errors).contains("4 errors in configuration",
                "test.yaml:2:5 channels[0].url: is required",
                "test.yaml:4:5 channels[0].channel: unknown key 'channel'",
                "test.yaml:5:24 channels[0].template.title: invalid template: No method or field with name 'kindd'",
                "test.yaml:5:37 channels[0].template.footer: unknown key 'footer'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "teams"})
    void rejects_a_url_that_is_not_http(String type) {
        assertThat(errors("- { id: ops, type: %s, url: \"ftp://hooks.example.com/x\" }".formatted(type)))
                .contains("1 error in configuration", "channels[0].url: 'ftp://hooks.example.com/x' is not");
    }
}
