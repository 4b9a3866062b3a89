package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The note a page shows when what it read from storage is old (issue 12): "last updated HH:MM; status data is delayed". */
class DelayedNoteTest {
    private static final Instant NOW = Instant.parse("2026-12-06T14:37:20Z");
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private static String statusPage(PageText text, Instant dataAsOf) {
        StatusSnapshot snapshot = new StatusSnapshot(ComponentStatus.OPERATIONAL, "", List.of(), List.of(), List.of(), List.of(),
                NOW, dataAsOf);
        StringOutput out = new StringOutput();
        TEMPLATES.render("status.jte", Map.of("text", text, "title", "Example", "snapshot", snapshot), out);
        return out.toString().replaceAll("(?s)<style>.*?</style>", "").replaceAll("<[^>]*>", "").replaceAll("\\s+", " ");
    }

    @Test
    void data_read_within_a_minute_shows_no_note() {
        assertThat(new StatusSnapshot(ComponentStatus.OPERATIONAL, "", List.of(), List.of(), List.of(), List.of(), NOW,
                NOW.minus(StatusSnapshot.DELAYED_AFTER)).delayed()).isFalse();
        assertThat(statusPage(PageText.english(), NOW.minusSeconds(30))).doesNotContain("delayed");
    }

    @Test
    void older_data_says_since_when_it_is_delayed_in_the_page_language() {
        Instant readAt = NOW.minus(Duration.ofMinutes(7));
        assertThat(statusPage(PageText.english(), readAt)).contains("Last updated 6 Dec 2026, 14:30 UTC; status data is delayed.");
        assertThat(statusPage(PageText.of(Locale.FRENCH), readAt)).contains("les données d’état sont retardées");
        assertThat(statusPage(PageText.of(Locale.GERMAN), readAt)).contains("die Statusdaten sind verzögert");
    }

    @Test
    void data_never_read_says_so_without_a_time() {
        assertThat(statusPage(PageText.english(), null)).contains("Status data is delayed: it could not be read yet.");
    }
}
