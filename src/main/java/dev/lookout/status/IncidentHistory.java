package dev.lookout.status;

import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the history pages show: the stored incidents, and the maintenances that have started, by
 * calendar month (in {@code zone}, the page's time zone) newest first, {@value #MONTHS_PER_PAGE} months a page from the current
 * month back to the oldest one with an entry. Built by {@link StatusReadModel} when something
 * changes, so that a page view only walks lists in memory.
 *
 * <p>The read model loads a bounded number of each ({@code truncated} when the bound was hit);
 * the oldest loaded month may then be incomplete and is left out rather than shown half.
 *
 * @param incidents    newest first
 * @param maintenances latest start first
 * @param zone         the time zone whose calendar months the pages follow
 */
public record IncidentHistory(List<Incident> incidents, List<Maintenance> maintenances, boolean truncated,
                              Instant generatedAt, ZoneId zone) {
    public static final int MONTHS_PER_PAGE = 3;

    /** One month of the history: its incidents newest first and its maintenances latest first. */
    public record Month(YearMonth month, List<Incident> incidents, List<Maintenance> maintenances) {
        public boolean isEmpty() {
            return incidents.isEmpty() && maintenances.isEmpty();
        }
    }

    /** One page: {@code number} of {@code count}, its months newest first. */
    public record Page(int number, int count, List<Month> months) {
        public boolean hasNewer() {
            return number > 1;
        }

        public boolean hasOlder() {
            return number < count;
        }
    }

    public IncidentHistory {
        incidents = List.copyOf(incidents);
        maintenances = List.copyOf(maintenances);
    }

    /** By months in UTC. */
    public IncidentHistory(List<Incident> incidents, List<Maintenance> maintenances, boolean truncated, Instant generatedAt) {
        this(incidents, maintenances, truncated, generatedAt, ZoneOffset.UTC);
    }

    /** By months in UTC. */
    public static IncidentHistory of(List<Incident> incidents, List<Maintenance> maintenances, boolean truncated,
                                     Instant generatedAt) {
        return of(incidents, maintenances, truncated, generatedAt, ZoneOffset.UTC);
    }

    /** By months in {@code zone}; maintenances not started by {@code generatedAt} are left out. */
    public static IncidentHistory of(List<Incident> incidents, List<Maintenance> maintenances, boolean truncated,
                                     Instant generatedAt, ZoneId zone) {
        List<Maintenance> started = maintenances.stream().filter(m -> !m.upcomingAt(generatedAt)).toList();
        if (truncated) {
            YearMonth complete = Stream.concat(incidents.stream().map(i -> month(i.createdAt(), zone)),
                            started.stream().map(m -> month(m.scheduledFor(), zone)))
                    .min(Comparator.naturalOrder()).map(m -> m.plusMonths(1)).orElse(month(generatedAt, zone));
            incidents = incidents.stream().filter(i -> !month(i.createdAt(), zone).isBefore(complete)).toList();
            started = started.stream().filter(m -> !month(m.scheduledFor(), zone).isBefore(complete)).toList();
        }
        return new IncidentHistory(incidents, started, truncated, generatedAt, zone);
    }

    /** How many pages there are; at least one (the current months, perhaps without incidents). */
    public int pageCount() {
        long months = ChronoUnit.MONTHS.between(oldest(), current()) + 1;
        return (int) ((months + MONTHS_PER_PAGE - 1) / MONTHS_PER_PAGE);
    }

    /** Page {@code number} (1 is the newest), or empty when there is no such page. */
    public Optional<Page> page(int number) {
        int count = pageCount();
        if (number < 1 || number > count) {
            return Optional.empty();
        }
        List<Month> months = new ArrayList<>(MONTHS_PER_PAGE);
        YearMonth first = current().minusMonths((long) (number - 1) * MONTHS_PER_PAGE);
        for (int i = 0; i < MONTHS_PER_PAGE; i++) {
            YearMonth month = first.minusMonths(i);
            if (month.isBefore(oldest())) {
                break;
            }
            months.add(new Month(month, incidents.stream().filter(inc -> month(inc.createdAt(), zone).equals(month)).toList(),
                    maintenances.stream().filter(m -> month(m.scheduledFor(), zone).equals(month)).toList()));
        }
        return Optional.of(new Page(number, count, months));
    }

    public Optional<Incident> incident(long id) {
        return incidents.stream().filter(i -> i.id() == id).findFirst();
    }

    public Optional<Maintenance> maintenance(long id) {
        return maintenances.stream().filter(m -> m.id() == id).findFirst();
    }

    private YearMonth current() {
        return month(generatedAt, zone);
    }

    private YearMonth oldest() {
        return Stream.concat(incidents.stream().map(i -> month(i.createdAt(), zone)),
                        maintenances.stream().map(m -> month(m.scheduledFor(), zone)))
                .filter(m -> !m.isAfter(current())).min(Comparator.naturalOrder()).orElse(current());
    }

    static YearMonth month(Instant at, ZoneId zone) {
        return YearMonth.from(at.atZone(zone));
    }
}
