package dev.lookout.status;

import java.time.Instant;

/**
 * One entry of an RSS or Atom feed, the same for both formats.
 *
 * @param id   a stable URI that identifies the entry for feed readers (RSS {@code guid}, Atom {@code id}); kept
 *             as it was first published, so that a reader never sees an entry twice
 * @param link the entry's page for people: the incident's or maintenance's HTML page
 * @param html the entry's content as sanitised HTML (written escaped, never raw)
 */
record FeedItem(String id, String link, String title, Instant published, Instant updated, String html) {
}
