package dev.lookout.incident;

import java.time.Instant;

/** The write-up published after an incident is resolved. */
public record Postmortem(Markdown body, Instant publishedAt) {
}
