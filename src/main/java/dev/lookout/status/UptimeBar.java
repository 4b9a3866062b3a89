package dev.lookout.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A component's uptime bar in the compact form the page sends: the days as runs of one colour
 * (a bar of 90 good days is one element, not 90), and what each day's tooltip says as two data
 * attributes that the page's script reads on hover or focus ({@code tag/uptime.jte}).
 *
 * <p>{@link #days()} holds, per day and oldest first, {@code CHECKS} or {@code CHECKS-FAILED}, or
 * nothing for a day without checks, separated by commas; {@code *N} after an entry repeats it N
 * times in all: {@code "*88,2880*2"} is 88 days without data, then two days of 2,880 checks none of
 * which failed. {@link #incidents()} is a JSON array of {@code [FIRST, LAST, NAME...]}: the day
 * indexes (0 is the oldest) from and to which the same incidents were open. The dates of the days
 * are the same for every bar of a page and are sent once ({@link #dates(List, PageText)}).
 *
 * <p>With 50 components this keeps the page under 100 KB where one element with its label per day
 * made it 423 KB (docs/benchmarks.md).
 */
public record UptimeBar(List<Run> runs, String days, String incidents) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The page's one script, which fills the bars' tooltip ({@code web/daytip.js}, inlined by {@code tag/daytip.jte}). */
    private static final String SCRIPT = resource("/web/daytip.js");
    /** Its hash as a Content-Security-Policy source: the page allows this script and no other. */
    private static final String SCRIPT_HASH = "'sha256-" + java.util.Base64.getEncoder().encodeToString(sha256(SCRIPT)) + "'";

    /** The tooltip script, as the page inlines it. */
    public static String script() {
        return SCRIPT;
    }

    /** {@code 'sha256-...'} of {@link #script()}, for {@code script-src}. */
    public static String scriptHash() {
        return SCRIPT_HASH;
    }

    private static String resource(String name) {
        try (var in = UptimeBar.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Consecutive days of one colour ({@link DayUptime#level()}). */
    public record Run(String level, int length) {
        /**
         * The element that draws the run: its name is its colour ({@code i} none, {@code b} good,
         * {@code s} minor, {@code u} major; see layout.jte), so that a day of its own costs 7 bytes,
         * not the 18 of {@code <i class="good"></i>}: with 50 bars of 90 different days that is
         * 50 KB less.
         */
        public String tag() {
            return switch (level) {
                case "good" -> "b";
                case "minor" -> "s";
                case "major" -> "u";
                default -> "i";
            };
        }
    }

    public UptimeBar {
        runs = List.copyOf(runs);
    }

    /**
     * The runs as HTML, for the bar's strip: fixed element names and numbers, nothing that anyone
     * wrote, so that the template writes it as is (jte allows no expression in a tag name).
     */
    public String html() {
        StringBuilder out = new StringBuilder(runs.size() * 12);
        for (Run run : runs) {
            out.append('<').append(run.tag());
            if (run.length() > 1) {
                out.append(" style=\"flex-grow:").append(run.length()).append('"');
            }
            out.append("></").append(run.tag()).append('>');
        }
        return out.toString();
    }

    public static UptimeBar of(List<DayUptime> days) {
        List<Run> runs = new ArrayList<>();
        for (DayUptime day : days) {
            if (!runs.isEmpty() && runs.getLast().level().equals(day.level())) {
                runs.set(runs.size() - 1, new Run(day.level(), runs.getLast().length() + 1));
            } else {
                runs.add(new Run(day.level(), 1));
            }
        }
        return new UptimeBar(runs, encodeDays(days), encodeIncidents(days));
    }

    private static String encodeDays(List<DayUptime> days) {
        StringBuilder out = new StringBuilder(days.size() * 4);
        String previous = null;
        int repeat = 0;
        for (DayUptime day : days) {
            String entry = day.uptime() == null ? "" : day.failed() == 0 ? Long.toString(day.checks())
                    : day.checks() + "-" + day.failed();
            if (entry.equals(previous)) {
                repeat++;
                continue;
            }
            append(out, previous, repeat);
            previous = entry;
            repeat = 1;
        }
        append(out, previous, repeat);
        return out.toString();
    }

    private static void append(StringBuilder out, String entry, int repeat) {
        if (entry == null) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(entry);
        if (repeat > 1) {
            out.append('*').append(repeat);
        }
    }

    private static String encodeIncidents(List<DayUptime> days) {
        List<List<Object>> ranges = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            List<String> names = days.get(i).incidents();
            int last = i;
            while (last + 1 < days.size() && Objects.equals(days.get(last + 1).incidents(), names)) {
                last++;
            }
            if (!names.isEmpty()) {
                List<Object> range = new ArrayList<>(List.of(i, last));
                range.addAll(names);
                ranges.add(range);
            }
            i = last + 1;
        }
        try {
            return JSON.writeValueAsString(ranges);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("numbers and strings always serialise", e);
        }
    }

    /** The labels of the days of every bar of a page, in its language, separated by {@code |}. */
    public static String dates(List<DayUptime> days, PageText text) {
        return String.join("|", days.stream().map(d -> text.date(d.date())).toList());
    }
}
