package dev.lookout.status;

import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.LifecycleStatus;
import dev.lookout.incident.MaintenanceStatus;
import gg.jte.Content;
import gg.jte.TemplateOutput;
import gg.jte.html.escape.Escape;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed text of the public pages, read from the message bundle {@code i18n/messages.properties}
 * and its translations ({@code messages_fr.properties}, {@code messages_de.properties}): templates
 * ask for keys, never write English themselves, so that a language is added without touching a
 * template. Placeholders are {@code {0}}, {@code {1}}, ... in any order; unlike
 * {@link java.text.MessageFormat} nothing else is special, so translators need not double apostrophes.
 *
 * <p>Dates and times are written with the locale's own patterns ({@link FormatStyle#MEDIUM} dates,
 * {@link FormatStyle#SHORT} times, for the regional conventions the bundle's {@code format.locale}
 * names) in the page's time zone, followed by the zone's short name: "19 Apr 2026, 14:30 UTC",
 * "19 avr. 2026 16:30 CEST", "19.04.2026, 16:30 MESZ".
 */
public final class PageText {
    static final String BUNDLE = "i18n.messages";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    /** UTC, which the zone pattern names "UTC" (a {@link ZoneOffset} would be shown as "Z"). */
    public static final ZoneId UTC = ZoneId.of("Etc/UTC");
    private static final PageText ENGLISH = new PageText(Locale.ENGLISH, UTC);

    private final ResourceBundle bundle;
    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter time;
    private final DateTimeFormatter date;
    private final DateTimeFormatter month;
    private final String percentPattern;

    private PageText(Locale locale, ZoneId zone) {
        // No fallback to the JVM's default locale: a server in Paris shows English until French is asked for.
        this(ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), locale, zone);
    }

    /** @param locale the language of {@code bundle}: month names and number symbols follow it */
    PageText(ResourceBundle bundle, Locale locale) {
        this(bundle, locale, UTC);
    }

    /**
     * @param locale the language of {@code bundle}: month names and number symbols follow it
     * @param zone   the time zone every time is shown in
     */
    PageText(ResourceBundle bundle, Locale locale, ZoneId zone) {
        this.bundle = bundle;
        this.locale = locale;
        this.zone = zone;
        Locale formats = Locale.forLanguageTag(get("format.locale"));
        DateTimeFormatter zoneName = DateTimeFormatter.ofPattern("zzz", formats);
        this.dateTime = new DateTimeFormatterBuilder().append(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT))
                .appendLiteral(' ').append(zoneName).toFormatter(formats).withZone(zone);
        this.time = new DateTimeFormatterBuilder().append(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT))
                .appendLiteral(' ').append(zoneName).toFormatter(formats).withZone(zone);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(formats);
        this.month = DateTimeFormatter.ofPattern(get("format.month"), locale);
        this.percentPattern = get("format.percent");
    }

    /** The pages in English, the language of the base bundle. */
    public static PageText english() {
        return ENGLISH;
    }

    /** The pages in {@code locale}, times in UTC; keys it does not translate come from the base bundle (English). */
    public static PageText of(Locale locale) {
        return of(locale, UTC);
    }

    /** The pages in {@code locale} with every time in {@code zone}. */
    public static PageText of(Locale locale, ZoneId zone) {
        return Locale.ENGLISH.equals(locale) && UTC.equals(zone) ? ENGLISH : new PageText(locale, zone);
    }

    public Locale locale() {
        return locale;
    }

    /** The time zone the pages show times in. */
    public ZoneId zone() {
        return zone;
    }

    /** The text of {@code key}; a key missing from the base bundle is a bug, found by {@code PageTextTest}. */
    public String get(String key) {
        return bundle.getString(key);
    }

    /** The text of {@code key} with its placeholders replaced by {@code args}, as plain text (for attributes). */
    public String format(String key, Object... args) {
        StringBuilder out = new StringBuilder();
        forEachPart(get(key), args, out::append, arg -> {
            if (arg instanceof Content) {
                throw new IllegalArgumentException("'" + key + "' is plain text: use html(...) to place markup in it");
            }
            out.append(arg);
        });
        return out.toString();
    }

    /**
     * The text of {@code key} as page content: its own words escaped, each placeholder replaced by
     * an argument, which is written as is when it is template {@link Content} (a {@code <time>}
     * element, a link) and escaped otherwise.
     */
    public Content html(String key, Object... args) {
        String pattern = get(key);
        return output -> forEachPart(pattern, args, literal -> Escape.htmlContent(literal, output), arg -> write(arg, output));
    }

    public String banner(ComponentStatus overall) {
        return get("banner." + overall.code());
    }

    public String status(ComponentStatus status) {
        return get("component.status." + status.code());
    }

    public String status(AffectedStatus status) {
        return get("component.status." + status.code());
    }

    public String status(LifecycleStatus status) {
        return get(switch (status) {
            case IncidentStatus s -> "incident.status.";
            case MaintenanceStatus s -> "maintenance.status.";
        } + status.code());
    }

    public String impact(Impact impact) {
        return get("impact." + impact.code());
    }

    public String dateTime(Instant at) {
        return dateTime.format(at);
    }

    /** The time of day alone, for the end of an incident on the day it started. */
    public String time(Instant at) {
        return time.format(at);
    }

    /** Whether two times fall on the same day (in the page's zone), so that the second can be shown as a time of day alone. */
    public boolean sameDay(Instant a, Instant b) {
        return a.atZone(zone).toLocalDate().equals(b.atZone(zone).toLocalDate());
    }

    public String date(LocalDate day) {
        return date.format(day);
    }

    public String month(YearMonth yearMonth) {
        return month.format(yearMonth);
    }

    /** A fraction (0..1) as a percentage number, e.g. 99.95, without the % sign (the text around it has it). */
    public String percent(double fraction) {
        DecimalFormat format = new DecimalFormat(percentPattern, DecimalFormatSymbols.getInstance(locale));
        format.setRoundingMode(java.math.RoundingMode.HALF_UP); // as JavaScript's toFixed in the uptime bar's tooltips
        return format.format(fraction * 100);
    }

    /** The decimal separator of {@link #percent}, for the script that writes the uptime bar's tooltips. */
    public String decimalSeparator() {
        return String.valueOf(DecimalFormatSymbols.getInstance(locale).getDecimalSeparator());
    }

    /** The items joined with this language's list separator. */
    public String list(Collection<String> items) {
        return String.join(get("list.separator"), items);
    }

    /** The label of a response-time chart's window. */
    public String chartWindow(ResponseTimes.Window window) {
        return switch (window) {
            case DAY -> get("chart.day");
            case WEEK -> get("chart.week");
            case MONTH -> get("chart.month");
        };
    }

    /** What a response-time chart shows, for its {@code <title>}. */
    public String chartTitle(String monitorName, String windowLabel) {
        return format("chart.title", monitorName, windowLabel);
    }

    /** What a window without any response time says, as text and for its chart's {@code <desc>}. */
    public String chartNoData() {
        return get("chart.noData");
    }

    /** A window's response times in words: the average, the median (p50) and the p95, each formatted ("120 ms"). */
    public String chartFigures(String average, String median, String p95) {
        return format("chart.figures", average, median, p95);
    }

    /** A monitor's state as the component page shows it, saying when it is the last result's, not yet confirmed. */
    public String monitorState(MonitorView monitor) {
        String state = get("monitor.state." + monitor.shownState().name().toLowerCase(Locale.ROOT));
        return monitor.confirmed() ? state : format("monitor.unconfirmed", state);
    }

    /** A vantage point's own verdict on a monitor, on its component's page. */
    public String vantageVerdict(dev.lookout.evaluate.VantageVerdicts.Verdict verdict) {
        return switch (verdict) {
            case UP -> get("vantage.verdict.up");
            case DOWN -> get("vantage.verdict.down");
            case UNKNOWN -> get("vantage.verdict.unknown");
        };
    }

    /** How a vantage point's check ended when it did not pass; null when it passed. */
    public String vantageOutcome(dev.lookout.check.Outcome outcome) {
        if (!outcome.isFailure()) {
            return null;
        }
        return outcome == dev.lookout.check.Outcome.TIMEOUT ? get("vantage.outcome.timeout") : get("vantage.outcome.failed");
    }

    /**
     * "DNS 0.4 ms, connect 1.2 ms, TLS 8.9 ms, first byte 21 ms, total 31.5 ms": how long each phase a
     * check went through took (first byte: the wait after the handshake), and the whole check.
     */
    public String phases(dev.lookout.check.Timings t) {
        List<String> parts = new java.util.ArrayList<>();
        long[] took = t.phaseMicros();
        phase(parts, "vantage.phase.dns", took[0]);
        phase(parts, "vantage.phase.connect", took[1]);
        phase(parts, "vantage.phase.tls", took[2]);
        phase(parts, "vantage.phase.firstByte", took[3]);
        phase(parts, "vantage.phase.total", t.totalMicros());
        return String.join(get("list.separator"), parts);
    }

    private void phase(List<String> parts, String key, long micros) {
        if (micros == dev.lookout.check.Timings.NONE) {
            return;
        }
        parts.add(format(key, dev.lookout.check.Timings.text(micros, locale)));
    }

    /** The CSS class of a monitor's state: the component status of the same colour. */
    public static String monitorStateClass(MonitorView monitor) {
        return switch (monitor.shownState()) {
            case UP -> ComponentStatus.OPERATIONAL.code();
            case DEGRADED -> ComponentStatus.DEGRADED_PERFORMANCE.code();
            case DOWN -> ComponentStatus.MAJOR_OUTAGE.code();
            case UNKNOWN, PAUSED -> ComponentStatus.NO_DATA.code();
        };
    }

    /** The label of a chart's right end. */
    public String chartNow() {
        return get("chart.now");
    }

    /** The label of a day of the uptime bar. */
    public String day(DayUptime day) {
        String text = day.uptime() == null ? format("uptime.dayNone", date(day.date()))
                : format("uptime.day", date(day.date()), percent(day.uptime()), day.failed(), day.checks());
        return day.incidents().isEmpty() ? text : format("uptime.dayIncidents", text, String.join(", ", day.incidents()));
    }

    /** The placeholder numbers in the text of {@code key}, in order of appearance. */
    List<Integer> placeholders(String key) {
        List<Integer> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(get(key));
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static void write(Object arg, TemplateOutput output) {
        if (arg instanceof Content content) {
            content.writeTo(output);
        } else {
            Escape.htmlContent(String.valueOf(arg), output);
        }
    }

    private static void forEachPart(String pattern, Object[] args, Consumer<String> literal, Consumer<Object> arg) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        int at = 0;
        while (m.find()) {
            literal.accept(pattern.substring(at, m.start()));
            int index = Integer.parseInt(m.group(1));
            if (index >= args.length) {
                throw new IllegalArgumentException("'" + pattern + "' has {" + index + "} but was given " + args.length + " values");
            }
            arg.accept(args[index]);
            at = m.end();
        }
        literal.accept(pattern.substring(at));
    }
}
