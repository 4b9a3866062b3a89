package dev.lookout.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.evaluate.VantageVerdicts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact words an operator reads when a vantage point is suspect, as docs/probes.md shows them. */
class VantageAlertsTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void the_message_names_the_vantage_point_and_a_few_of_its_monitors() {
        var suspect = new VantageVerdicts.Suspicion("probe-eu", true, AT, 7, 12,
                List.of("web", "api", "db", "cdn", "auth", "mail", "dns"));
        assertThat(VantageAlerts.suspectText(suspect)).isEqualTo("Vantage point probe-eu sees 7 of its 12 monitors fail"
                + " while the other vantage points see them up (api, auth, cdn, db, dns and 2 more): probe-eu's own"
                + " network, DNS resolver or host is the likely problem, not the targets. Its results do not count in"
                + " verdicts until it agrees with the others again.");
        var trusted = new VantageVerdicts.Suspicion("probe-eu", false, AT, 1, 12, List.of("db"));
        assertThat(VantageAlerts.trustedText(trusted)).isEqualTo("Vantage point probe-eu agrees with the others again"
                + " (1 of its 12 monitors fail only from it); its results count in verdicts again.");
    }
}
