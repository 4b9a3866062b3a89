package dev.lookout.subscribe;

import java.time.Instant;
import java.util.List;

/**
 * Subscribers as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break), with a header line. A field that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, tab or carriage return) is prefixed with {@code '}, so that an
 * address typed by a stranger on the status page cannot run in the exporting editor's spreadsheet.
 */
public final class SubscriberCsv {
    public static final String HEADER = "id,kind,address,components,created_at,confirmed_at";

    private SubscriberCsv() {
    }

    public static String of(List<Subscriber> subscribers) {
        return HEADER + "\r\n" + lines(subscribers);
    }

    /** The lines of {@code subscribers}, without the header: a long export is written a page at a time. */
    public static String lines(List<Subscriber> subscribers) {
        StringBuilder out = new StringBuilder();
        for (Subscriber s : subscribers) {
            out.append(s.id()).append(',').append(s.kind().code()).append(',').append(field(s.address())).append(',')
                    .append(field(String.join(" ", s.componentIds()))).append(',').append(time(s.createdAt())).append(',')
                    .append(time(s.confirmedAt())).append("\r\n");
        }
        return out.toString();
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }
}
