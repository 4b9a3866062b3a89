package dev.lookout.control;

import java.time.Instant;
import java.util.List;

/** Where the monitors' controls are kept: one database every node reads (implemented in {@code store}). */
public interface MonitorControlRepository {

    /** Every monitor with a control, including pauses and silences whose end has passed but are not yet cleared. */
    List<MonitorControl> all();

    /** Pauses the monitor, replacing a pause it had. */
    void pause(String monitorId, Pause pause);

    /** Ends the monitor's pause; whether it had one. */
    boolean resume(String monitorId);

    /** Silences the monitor's alerts, replacing a silence it had. */
    void silence(String monitorId, Silence silence);

    /** Ends the monitor's silence; whether it had one. */
    boolean unsilence(String monitorId);

    /** Asks for one check of the monitor as soon as possible. */
    void requestCheck(String monitorId, Instant at, String by);

    /** The check asked for at {@code requestedAt} has started: the request is cleared unless a newer one came. */
    void checkStarted(String monitorId, Instant requestedAt);

    /** Clears the pauses and silences that ended before {@code now}; how many. */
    int clearEnded(Instant now);
}
