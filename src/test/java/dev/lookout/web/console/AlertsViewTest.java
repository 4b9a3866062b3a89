package dev.lookout.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.EpisodeRecord;
import dev.lookout.alert.NotificationRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the alerts page says of an episode: its escalation step and since when it is down. */
class AlertsViewTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static NotificationRecord notification(String key) {
        return new NotificationRecord(1, "d", key, "api@1", "slack", "ESCALATED", "{}", false, false, AT, AT, "delivered", 1,
                AT, null, 1L, AT);
    }

    @Test
    void the_escalation_step_is_the_highest_escalated_step_written_for_the_episode() {
        EpisodeRecord episode = new EpisodeRecord("api@1", "api", AT, null, "DEGRADED", null, null, null);
        assertThat(new AlertsView.Line(episode, "API", List.of(notification("api@1/slack/down"))).escalationStep()).isZero();
        assertThat(new AlertsView.Line(episode, "API", List.of(notification("api@1/cto/escalated-2"),
                notification("api@1/slack/escalated-10"), notification("api@1/ops/escalated-1"))).escalationStep()).isEqualTo(10);
    }

    @Test
    void an_episode_is_shown_since_it_went_down_or_else_since_it_began() {
        Instant down = AT.plusSeconds(90);
        assertThat(new AlertsView.Line(new EpisodeRecord("api@1", "api", AT, down, "DOWN", null, null, null), "API", List.of())
                .since()).isEqualTo(down);
        assertThat(new AlertsView.Line(new EpisodeRecord("api@1", "api", AT, null, "DEGRADED", null, null, null), "API", List.of())
                .since()).isEqualTo(AT);
    }
}
