package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.ComponentChange;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Markdown;
import dev.lookout.incident.Update;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The weight of the status page with 50 components after 90 days in which no two days were alike
 * (the most the uptime bars can cost): under 100 KB uncompressed, where one labelled element per
 * day made the page of a new install 423 KB (docs/benchmarks.md).
 */
class PageWeightTest {
    private static final Instant NOW = Instant.parse("2026-04-19T14:30:00Z");
    private static final int LIMIT = 100_000;

    @Test
    void fifty_components_with_ninety_different_days_each_stay_under_100_kb() {
        List<Incident> incidents = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            Instant at = NOW.minus(Duration.ofDays(4L * i));
            Update update = new Update(i, IncidentStatus.IDENTIFIED, Markdown.of("We are investigating **elevated error rates** on service "
                    + i + "."), at, List.of(new ComponentChange("c" + (i * 7 % 50), AffectedStatus.OPERATIONAL,
                    AffectedStatus.PARTIAL_OUTAGE)));
            incidents.add(new Incident(i, "Incident " + i + ": elevated errors", IncidentStatus.IDENTIFIED, Impact.MAJOR, at, at,
                    null, i <= 3 ? null : at.plus(Duration.ofHours(30)), null, List.of(update), 1));
        }
        List<ComponentView> components = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            List<DayUptime> days = new ArrayList<>();
            for (int d = 89; d >= 0; d--) {
                LocalDate date = LocalDate.of(2026, 4, 19).minusDays(d);
                long checks = 2_880 - (d * 13 + c) % 97; // restarts: a different count every day
                long failed = (d + c) % 9 == 0 ? 40 : (d + c) % 4 == 0 ? 2 : 0;
                List<String> names = new ArrayList<>();
                for (Incident incident : incidents) {
                    LocalDate from = LocalDate.ofInstant(incident.createdAt(), PageText.UTC);
                    LocalDate to = LocalDate.ofInstant(incident.resolvedAt() == null ? NOW : incident.resolvedAt(), PageText.UTC);
                    if (incident.components().containsKey("c" + c) && !date.isBefore(from) && !date.isAfter(to)) {
                        names.add(incident.name());
                    }
                }
                days.add(new DayUptime(date, (double) (checks - failed) / checks, checks, failed, names));
            }
            components.add(new ComponentView("c" + c, "Service " + c, "Group " + c / 10, "Component number " + c,
                    ComponentStatus.OPERATIONAL, days, 0.9987, NOW, NOW.minus(Duration.ofDays(100)), NOW));
        }
        StatusSnapshot snapshot = new StatusSnapshot(ComponentStatus.PARTIAL_OUTAGE, "", components, incidents.subList(0, 3),
                incidents, List.of(), NOW);

        StringOutput out = new StringOutput();
        TemplateEngine.createPrecompiled(ContentType.Html).render("status.jte", Map.of("text", PageText.english(),
                "title", "Bench status", "snapshot", snapshot, "subscribe", true), out);
        int bytes = out.toString().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("status page, 50 components x 90 different days, 3 open incidents: %,d bytes%n", bytes);
        assertThat(out.toString()).containsPattern("data-days=\"\\d+(-\\d+)?,\\d+").contains("Incident 1: elevated errors");
        assertThat(bytes).isLessThan(LIMIT);
    }
}
