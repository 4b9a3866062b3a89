package dev.lookout.status;

/**
 * The page object of the Statuspage-compatible API: a stable id, the page's name, its public URL and time zone.
 *
 * @param root the address Lookout's own routes ({@code /api/v1/...}) are under, for the links of
 *             incidents and maintenances: the page's URL without its path prefix
 */
public record StatuspagePage(String id, String name, String url, String timeZone, String root) {

    /** A page at the root of its address. */
    public StatuspagePage(String id, String name, String url, String timeZone) {
        this(id, name, url, timeZone, url);
    }
}
