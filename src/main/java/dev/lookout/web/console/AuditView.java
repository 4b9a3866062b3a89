package dev.lookout.web.console;

import dev.lookout.audit.AuditEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log page: one page of entries, newest first, with the filters that chose them.
 *
 * @param filters the filters as given ({@code actor}, {@code action}, {@code from}, {@code until}), blank ones left out
 * @param next    the {@code before} of the next (older) page, or null on the last
 * @param error   why the filters were refused, or null
 */
public record AuditView(List<AuditEntry> entries, Map<String, String> filters, String next, String error) {
    static final List<String> FILTERS = List.of("actor", "action", "from", "until");

    /** A filter's value as given, or empty. */
    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }

    /** The link to the next (older) page of the same filters. */
    public String nextLink() {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("before", next);
        StringBuilder link = new StringBuilder("/console/audit");
        char separator = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            link.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return link.toString();
    }
}
