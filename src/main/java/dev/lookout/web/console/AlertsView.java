package dev.lookout.web.console;

import dev.lookout.alert.DurationText;
import dev.lookout.alert.EpisodeRecord;
import dev.lookout.alert.NotificationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerts page: the open episodes, oldest first, each with its notifications; and the dead
 * letters (notifications given up), newest first, a page at a time ({@code olderDead}: the address
 * of the next page, null on the last).
 */
public record AlertsView(List<Line> open, List<NotificationRecord> dead, String olderDead, Instant now) {
    /** The engine's dedup key of the N-th escalation step ({@code episode/channel/escalated-N}). */
    private static final Pattern ESCALATED = Pattern.compile("/escalated-(\\d{1,4})$");

    /**
     * One open episode.
     *
     * @param monitorName   the monitor's name now, or its id when it is no longer configured
     * @param notifications the episode's notifications, newest first
     */
    public record Line(EpisodeRecord episode, String monitorName, List<NotificationRecord> notifications) {

        /** The highest escalation step written for the episode; 0 when only the first alert was. */
        public int escalationStep() {
            int step = 0;
            for (NotificationRecord n : notifications) {
                Matcher matcher = ESCALATED.matcher(n.dedupKey());
                if (matcher.find()) {
                    step = Math.max(step, Integer.parseInt(matcher.group(1)));
                }
            }
            return step;
        }

        /** The time the monitor went down (or, never down, degraded). */
        public Instant since() {
            return episode.downAt() != null ? episode.downAt() : episode.startedAt();
        }
    }

    /** How long ago, as the alerts say it ({@code 1h 5m}). */
    public String ago(Instant at) {
        return DurationText.of(Duration.between(at, now));
    }

    /** A notification's kind as the API writes it ({@code still-down}). */
    public static String kind(NotificationRecord n) {
        return n.kind().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String text(Instant at) {
        return at == null ? "–" : at.toString();
    }
}
