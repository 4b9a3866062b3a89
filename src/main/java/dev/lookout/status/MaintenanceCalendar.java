package dev.lookout.status;

import dev.lookout.incident.Maintenance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scheduled maintenance as an iCalendar document (RFC 5545) that calendar applications subscribe
 * to: one VEVENT per maintenance, its announced window as DTSTART/DTEND in UTC. Text values are
 * escaped ({@code \ ; ,} and line breaks), control characters dropped, and every content line is
 * folded at 75 octets without splitting a UTF-8 sequence, lines ending in CRLF.
 */
final class MaintenanceCalendar {
    /** Octets of one content line before it is folded (RFC 5545 §3.1), the line break excluded. */
    static final int MAX_LINE_OCTETS = 75;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private MaintenanceCalendar() {
    }

    /**
     * @param uidDomain      the right-hand side of every UID (the status page's host), so that UIDs are unique
     *                       across Lookout installations
     * @param componentNames display names by component id
     * @param url            the URL of one maintenance, by id
     */
    static byte[] render(String calendarName, String uidDomain, List<Maintenance> maintenances,
                         Map<String, String> componentNames, java.util.function.LongFunction<String> url) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Lookout//Scheduled maintenance//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(calendarName));
        for (Maintenance m : maintenances) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:maintenance-" + m.id() + "@" + text(uidDomain));
            // Equal to LAST-MODIFIED in a published calendar (RFC 5545 §3.8.7.2), which keeps the bytes stable.
            line(out, "DTSTAMP:" + UTC.format(m.updatedAt()));
            line(out, "CREATED:" + UTC.format(m.createdAt()));
            line(out, "LAST-MODIFIED:" + UTC.format(m.updatedAt()));
            line(out, "SEQUENCE:" + Math.max(0, m.version() - 1));
            line(out, "DTSTART:" + UTC.format(m.scheduledFor()));
            line(out, "DTEND:" + UTC.format(m.scheduledUntil()));
            line(out, "SUMMARY:" + text(m.name()));
            line(out, "DESCRIPTION:" + text(description(m, componentNames)));
            // Announced maintenance is confirmed; Lookout has no cancellation, so no event is ever CANCELLED.
            line(out, "STATUS:CONFIRMED");
            line(out, "TRANSP:TRANSPARENT");
            line(out, "URL:" + uri(url.apply(m.id())));
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String description(Maintenance m, Map<String, String> componentNames) {
        StringBuilder d = new StringBuilder("Status: ").append(m.status().code().replace('_', ' '));
        if (m.startedAt() != null) {
            d.append(", started ").append(READABLE.format(m.startedAt()));
        }
        if (m.completedAt() != null) {
            d.append(", completed ").append(READABLE.format(m.completedAt()));
        }
        d.append(".\n\n").append(m.latest().body().source().strip());
        if (!m.componentIds().isEmpty()) {
            d.append("\n\nComponents: ").append(m.componentIds().stream()
                    .map(id -> componentNames.getOrDefault(id, id)).collect(Collectors.joining(", ")));
        }
        return d.toString();
    }

    /** A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        String normalised = value.replace("\r\n", "\n").replace('\r', '\n');
        normalised.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                default -> {
                    boolean control = (c < 0x20 && c != '\t') || c == 0x7F;
                    boolean loneSurrogate = c >= 0xD800 && c <= 0xDFFF;
                    if (!control && !loneSurrogate) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** A URI value: not TEXT, so nothing is escaped; only what a content line cannot hold is dropped. */
    private static String uri(String value) {
        return value.codePoints().filter(c -> c >= 0x21 && c != 0x7F)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * Appends one content line, folded: after {@value #MAX_LINE_OCTETS} octets a CRLF and a space
     * start a continuation line, whose space counts towards its 75.
     */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int c = content.codePointAt(i);
            int size = utf8Length(c);
            if (octets + size > MAX_LINE_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(c);
            octets += size;
            i += Character.charCount(c);
        }
        out.append("\r\n");
    }

    private static int utf8Length(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }

    static Instant lastModified(List<Maintenance> maintenances) {
        return maintenances.stream().map(Maintenance::updatedAt).max(java.util.Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }
}
