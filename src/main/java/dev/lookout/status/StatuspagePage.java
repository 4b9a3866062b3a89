package dev.lookout.status;

/** The page object of the Statuspage-compatible API: a stable id, the page's name, its public URL and time zone. */
public record StatuspagePage(String id, String name, String url, String timeZone) {
}
