package dev.lookout.web;

import org.eclipse.jetty.http.QuotedQualityCSV;

/**
 * Whether a client wants a page or data, from its {@code Accept} header (parsed by Jetty, with
 * quality values): browsers name {@code text/html} first, API clients name JSON or nothing
 * ({@code curl} sends {@code *}{@code /*}), and a wildcard alone never counts as asking for HTML.
 */
final class AcceptHeader {
    private AcceptHeader() {
    }

    /** True when {@code text/html} (or XHTML) ranks above {@code application/json}; false without the header. */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        QuotedQualityCSV values = new QuotedQualityCSV(QuotedQualityCSV.MOST_SPECIFIC_MIME_ORDERING);
        values.addValue(accept);
        for (String type : values.getValues()) { // best first; q=0 left out
            String t = type.toLowerCase(java.util.Locale.ROOT);
            if (t.equals("text/html") || t.equals("application/xhtml+xml")) {
                return true;
            }
            if (t.equals("application/json") || t.endsWith("+json")) {
                return false;
            }
        }
        return false;
    }
}
