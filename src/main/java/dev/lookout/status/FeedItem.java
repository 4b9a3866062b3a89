package dev.lookout.status;

import java.time.Instant;

/**
 * One entry of an RSS or Atom feed, the same for both formats.
 *
 * @param id   a stable URI that identifies the entry for feed readers (also its link)
 * @param html the entry's content as sanitised HTML (written escaped, never raw)
 */
record FeedItem(String id, String title, Instant published, Instant updated, String html) {
}
