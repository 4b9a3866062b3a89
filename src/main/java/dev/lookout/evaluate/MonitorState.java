package dev.lookout.evaluate;

/** The state of one monitor as the state machine sees it. */
public enum MonitorState {
    /** No result yet (a new monitor, or one whose history was lost). */
    UNKNOWN,
    UP,
    /** Reachable, but a condition marked {@code [degraded]} fails. */
    DEGRADED,
    DOWN,
    /** Not checked on purpose ({@code paused: true}). */
    PAUSED
}
