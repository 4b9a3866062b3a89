package dev.lookout.status;

/**
 * The page object of the Statuspage-compatible API: a stable id, the page's name, its public URL and time zone.
 *
 * @param root the page's URL without its path prefix: what the feeds' item ids (first published as
 *             {@code /api/v1/...} addresses, and kept) and the calendar's UID domain are made of
 */
public record StatuspagePage(String id, String name, String url, String timeZone, String root) {

    /** A page at the root of its address. */
    public StatuspagePage(String id, String name, String url, String timeZone) {
        this(id, name, url, timeZone, url);
    }
}
