package dev.lookout.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AckLinksTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final AckLinks links = new AckLinks("0123456789abcdef0123456789abcdef".getBytes(), "https://lookout.example.com",
            Duration.ofHours(24));

    private String token() {
        String url = links.link("api@1795428000000", NOW).toString();
        assertThat(url).startsWith("https://lookout.example.com/alerts/ack/");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void a_link_names_its_episode_until_it_expires() {
        assertThat(links.verify(token(), NOW.plus(Duration.ofHours(23))).episodeId()).contains("api@1795428000000");
        AckLinks.Verified expired = links.verify(token(), NOW.plus(Duration.ofHours(25)));
        assertThat(expired.episodeId()).isEmpty();
        assertThat(expired.problem()).startsWith("this acknowledge link expired at 2026-11-24T10:00:00Z");
    }

    @Test
    void a_tampered_or_foreign_link_is_refused() {
        String token = token();
        String[] parts = token.split("\\.");
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        assertThat(links.verify(longer, NOW).problem()).contains("signature does not match");
        AckLinks other = new AckLinks("another key of thirty-two bytes!".getBytes(), "https://x", Duration.ofHours(1));
        assertThat(other.verify(token, NOW).episodeId()).isEmpty();
        assertThat(links.verify("garbage", NOW).problem()).isEqualTo("this acknowledge link is malformed");
        assertThat(links.verify("a.b.c!", NOW).episodeId()).isEmpty();
    }
}
