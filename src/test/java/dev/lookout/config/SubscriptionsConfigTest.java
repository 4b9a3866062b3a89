package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code subscriptions:}. */
class SubscriptionsConfigTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Channels.standard(),
            Map.of("SUBSCRIBER_WEBHOOK_SECRET", "s3cret-from-the-environment"));

    private static final String CHANNELS = """
            channels:
              - { id: smtp, type: email, host: smtp.example.com, from: "status@example.com", to: [ops@example.com] }
              - { id: hook, type: webhook, url: "https://hooks.example.com/x" }
            """;

    private List<String> errorsOf(String yaml) {
        try {
            loader.parse("lookout.yaml", yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void without_the_key_email_subscriptions_are_off_and_webhooks_unsigned() throws Exception {
        SubscriptionsConfig subscriptions = loader.parse("lookout.yaml", CHANNELS).subscriptions();

        assertThat(subscriptions).isEqualTo(SubscriptionsConfig.NONE);
        assertThat(subscriptions.emailEnabled()).isFalse();
    }

    @Test
    void reads_the_email_channel_the_sender_and_the_webhook_secret_without_printing_it() throws Exception {
        SubscriptionsConfig subscriptions = loader.parse("lookout.yaml", CHANNELS + """
                subscriptions:
                  email_channel: smtp
                  from: "Example status <status@example.com>"
                  webhook_secret: "${SUBSCRIBER_WEBHOOK_SECRET}"
                """).subscriptions();

        assertThat(subscriptions).isEqualTo(new SubscriptionsConfig("smtp", "Example status <status@example.com>",
                "s3cret-from-the-environment"));
        assertThat(subscriptions.emailEnabled()).isTrue();
        assertThat(subscriptions.toString()).doesNotContain("s3cret");
    }

    @Test
    void names_every_problem_with_its_position() {
        assertThat(errorsOf(CHANNELS + """
                subscriptions:
                  email_channel: hook
                  from: "not an address"
                  webhook_secrte: x
                """)).containsExactly(
                "lookout.yaml:5:18 subscriptions.email_channel: channel 'hook' is of type webhook: subscribers' mails need a channel of type email",
                "lookout.yaml:6:9 subscriptions.from: 'not an address' is not an email address (name@example.com or \"Name <name@example.com>\")",
                "lookout.yaml:7:3 subscriptions.webhook_secrte: unknown key 'webhook_secrte' (did you mean 'webhook_secret'?)");
        assertThat(errorsOf(CHANNELS + "subscriptions:\n  email_channel: nope\n")).containsExactly(
                "lookout.yaml:5:18 subscriptions.email_channel: no channel 'nope' (configured: smtp, hook)");
        assertThat(errorsOf(CHANNELS + "subscriptions:\n  from: status@example.com\n")).containsExactly(
                "lookout.yaml:5:9 subscriptions.from: is only used with email_channel");
        assertThat(errorsOf(CHANNELS + "subscriptions: [smtp]\n")).hasSize(1).first().asString()
                .contains("subscriptions: expected a mapping");
    }

    @Test
    void a_configuration_built_without_subscriptions_has_none() {
        LookoutConfig config = new LookoutConfig("x", null, null, null, null, null, List.of(), List.of(), List.of(),
                AlertingConfig.NONE, List.of());
        assertThat(config.subscriptions()).isEqualTo(SubscriptionsConfig.NONE);
    }
}
