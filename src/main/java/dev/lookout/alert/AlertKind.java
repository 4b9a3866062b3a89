package dev.lookout.alert;

/** What a notification says. */
public enum AlertKind {
    /** A monitor went DOWN. */
    DOWN,
    /** A monitor went DEGRADED (a {@code [degraded]} condition failed, or a baseline was exceeded). */
    DEGRADED,
    /** A monitor that was alerted about is UP again. */
    RECOVERED,
    /** Still down and not acknowledged: the route's {@code repeat} interval passed. */
    STILL_DOWN,
    /** Not acknowledged after an escalation step's delay: sent to that step's channels. */
    ESCALATED,
    /** Someone acknowledged the episode: repeats and escalation stop. */
    ACKNOWLEDGED,
    /** The monitor changes state too often; quiet until it is stable. */
    FLAPPING,
    /** Many monitors failed at once from one vantage point: probably our side, not the targets. */
    MONITORING_SIDE_FAILURE,
    /** Lookout itself was not running for a while (said once after a restart). */
    LOOKOUT_WAS_DOWN,
    /** A notification could not be delivered on another channel (dead letter). */
    UNDELIVERABLE,
    /** Sent by {@code lookout notify-test}. */
    TEST;

    /** Whether this opens or continues a problem (PagerDuty "trigger", Opsgenie "create"), as opposed to ending one. */
    public boolean isProblem() {
        return this == DOWN || this == DEGRADED || this == STILL_DOWN || this == ESCALATED || this == FLAPPING
                || this == MONITORING_SIDE_FAILURE;
    }

    /** Lower case with dashes, as in URLs, payloads and templates ({@code still-down}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
