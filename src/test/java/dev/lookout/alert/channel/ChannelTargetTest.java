package dev.lookout.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ChannelConfig;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the console and {@code GET /api/v1/channels} show of where each channel type sends: never one of its secrets. */
class ChannelTargetTest {
    @TempDir
    Path dir;

    @Test
    void every_channel_type_says_where_it_sends_without_any_of_its_secrets() throws Exception {
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0" }
                storage: { url: "sqlite:%s" }
                channels:
                  - { id: webhook, type: webhook, url: "https://hooks.example.com/p/sekret-1?token=sekret-2", secret: sekret-3,
                      headers: { Authorization: "Bearer sekret-4" } }
                  - { id: slack, type: slack, url: "https://hooks.slack.com/services/T0/B0/sekret-5" }
                  - { id: discord, type: discord, url: "https://discord.com/api/webhooks/1/sekret-6" }
                  - { id: teams, type: teams, url: "https://example.webhook.office.com/w/sekret-7?sig=sekret-8" }
                  - { id: mattermost, type: mattermost, url: "https://chat.example.com/hooks/sekret-9", channel: ops }
                  - { id: email, type: email, host: mail.example.com, port: 587, username: ops, password: sekret-10,
                      from: "lookout@example.com", to: ["ada@example.com", "bob@example.com"] }
                  - { id: pagerduty, type: pagerduty, routing_key: sekret-11-0123456789abcdef0123 }
                  - { id: opsgenie, type: opsgenie, api_key: sekret-12 }
                  - { id: telegram, type: telegram, bot_token: "123:sekret-13", chat_id: "-100123" }
                  - { id: ntfy, type: ntfy, topic: sekret-14, token: sekret-15 }
                  - { id: pushover, type: pushover, token: sekret-16, user: sekret-17 }
                  - { id: gotify, type: gotify, url: "https://gotify.example.com", token: sekret-18 }
                """.formatted(dir.resolve("lookout.db")));
        Channels channels = Channels.standard();
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), channels, Map.of()).load(file);
        ChannelContext context = new ChannelContext(InstantSource.system(), Duration.ofSeconds(1), null, "node-1");
        Map<String, String> targets = new LinkedHashMap<>();
        for (ChannelConfig channel : config.channels()) {
            targets.put(channel.type(), channels.create(channel, context).target());
        }
        assertThat(targets.keySet()).as("every type is shown here").containsExactlyInAnyOrderElementsOf(channels.names());
        assertThat(targets.values()).allSatisfy(target -> assertThat(target).doesNotContain("sekret", "ada@", "bob@"));
        assertThat(targets).containsEntry("webhook", "POST https://hooks.example.com/…")
                .containsEntry("email", "smtp mail.example.com:587, 2 recipients")
                .containsEntry("mattermost", "https://chat.example.com/… #ops")
                .containsEntry("gotify", "https://gotify.example.com");
    }

    @Test
    void an_origin_keeps_scheme_host_and_port_and_marks_the_rest() {
        assertThat(HttpDelivery.origin(URI.create("http://127.0.0.1:8080/a/b?c=d"))).isEqualTo("http://127.0.0.1:8080/…");
        assertThat(HttpDelivery.origin(URI.create("https://user:pw@example.com"))).isEqualTo("https://example.com/…");
        assertThat(HttpDelivery.origin(URI.create("https://example.com/"))).isEqualTo("https://example.com");
    }
}
