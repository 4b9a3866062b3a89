package dev.lookout.heartbeat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckRunner;
import dev.lookout.check.Outcome;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import dev.lookout.check.heartbeat.HeartbeatSchedule;
import dev.lookout.check.heartbeat.HeartbeatSettings;
import dev.lookout.condition.Durations;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The deadline of one heartbeat monitor. Each ping moves it; a timer task fires when the monitor
 * becomes late (due time) and down (due time + grace). The task is rescheduled lazily: a ping
 * only records the new deadline, and a task that fires before it simply re-arms, so a ping costs
 * no timer operation while a task is already armed earlier.
 *
 * <p>A start ping opens a run: the monitor goes down if the run does not finish within the
 * grace (like Healthchecks.io), and a success closes it with its duration.
 */
final class HeartbeatTracker {
    enum State { NEW, UP, LATE, DOWN, PAUSED }

    /** Runs waiting for their end, by run id ("" without one); bounded so that a client that never finishes cannot grow it. */
    private static final int MAX_OPEN_RUNS = 16;

    final MonitorConfig monitor;
    final HeartbeatSettings settings;
    private final InstantSource clock;
    private final HeartbeatTimer timer;
    private final Consumer<CheckResult> sink;
    private final java.util.function.BooleanSupplier pingsCanBeStored;
    /** How often a deadline passed while pings could not be stored looks again. */
    static final Duration STORAGE_RECHECK = Duration.ofSeconds(5);

    // guarded by this
    /** The deadline passed while pings could not be stored: the job gets a fresh grace once they can. */
    private boolean heldByStorage;
    private State state;
    private Instant lastPing;
    private Ping.Kind lastKind;
    private Instant lastSuccess;
    private Instant lastClosing;
    private Duration lastDuration;
    private final LinkedHashMap<String, Instant> openRuns = new LinkedHashMap<>();
    private Instant dueAt;
    private Instant downAt;
    private Outcome lastEmitted;
    private Instant lastEmittedAt;
    private int emittedInARow;
    private HeartbeatTimer.Cancellable armed;
    private Instant armedAt;
    private boolean closed;
    /** A ping changed the memory since it was last taken for saving. */
    private boolean changed;

    HeartbeatTracker(MonitorConfig monitor, InstantSource clock, HeartbeatTimer timer, Consumer<CheckResult> sink) {
        this(monitor, clock, timer, sink, () -> true);
    }

    /**
     * @param pingsCanBeStored whether pings can be stored now: while they cannot (they are answered
     *                         503, so the job's pings may have come and gone) the deadline does not
     *                         declare the monitor down, and once they can, the job gets a fresh grace
     */
    HeartbeatTracker(MonitorConfig monitor, InstantSource clock, HeartbeatTimer timer, Consumer<CheckResult> sink,
                     java.util.function.BooleanSupplier pingsCanBeStored) {
        this.pingsCanBeStored = pingsCanBeStored;
        this.monitor = monitor;
        this.settings = (HeartbeatSettings) monitor.settings();
        this.clock = clock;
        this.timer = timer;
        this.sink = sink;
        this.state = monitor.paused() ? State.PAUSED : State.NEW;
    }

    /**
     * After a start or a change, first: what the tracker remembered when it was last saved (or
     * the running tracker's memory, for a changed definition).
     */
    synchronized void restore(HeartbeatMemory memory) {
        lastPing = memory.lastPing();
        lastKind = memory.lastKind();
        lastClosing = memory.lastClosing();
        lastDuration = memory.lastDurationMs() == null ? null : Duration.ofMillis(memory.lastDurationMs());
        lastSuccess = memory.lastSuccess();
        openRuns.clear();
        openRuns.putAll(memory.openRuns());
    }

    /**
     * Then, oldest first, the stored pings received since that save. Some may already be in the
     * memory, which is harmless: a ping only overwrites what a later ping overwrites again.
     */
    synchronized void replay(Ping ping) {
        remember(ping);
        changed = true;
    }

    /**
     * Last, the deadline. Lookout's own downtime is not the job's fault: the deadline is at
     * least one full period (every) or the next firing (cron) plus grace after {@code now}, and
     * an open run gets a fresh grace.
     */
    synchronized void resume(MonitorState restored) {
        if (state == State.PAUSED) {
            return;
        }
        Instant now = clock.instant();
        if (restored == MonitorState.DOWN) {
            state = State.DOWN;
        } else if (lastClosing != null || !openRuns.isEmpty()) {
            state = State.UP;
        }
        if (lastClosing != null && state == State.UP) {
            Instant base = lastSuccess != null ? lastSuccess : lastClosing;
            Instant floor = (settings.schedule() instanceof HeartbeatSchedule.Every every ? now.plus(every.period())
                    : settings.schedule().nextDue(now));
            dueAt = later(settings.schedule().nextDue(base), floor);
        }
        if (!openRuns.isEmpty()) {
            openRuns.replaceAll((id, started) -> later(started, now));
        }
        recomputeDownAt();
        arm();
    }

    /** The duration of the run this success or fail ping closes, in ms; null without a matching start. */
    synchronized Long runDuration(String runId, Instant now) {
        Instant started = runId != null && openRuns.containsKey(runId) ? openRuns.get(runId)
                : runId == null && !openRuns.isEmpty() ? openRuns.lastEntry().getValue() : null;
        return started == null ? null : Math.max(0, Duration.between(started, now).toMillis());
    }

    /**
     * A ping another node received and stored. Applied like one received here, unless this
     * tracker has already seen a ping as new or newer (pings heard from several nodes may arrive
     * out of order; an older one must not move the deadline back).
     */
    void acceptFromElsewhere(Ping ping) {
        synchronized (this) {
            if (lastPing != null && !ping.receivedAt().isAfter(lastPing)) {
                return;
            }
        }
        accept(ping);
    }

    /** Applies a committed ping; emits the result of success and fail pings. */
    void accept(Ping ping) {
        CheckResult result = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            remember(ping);
            changed = true;
            if (ping.kind() == Ping.Kind.LOG) {
                return;
            }
            if (ping.kind() != Ping.Kind.START) {
                dueAt = settings.schedule().nextDue(ping.receivedAt());
            }
            if (state == State.PAUSED) {
                return;
            }
            if (ping.kind() != Ping.Kind.START) {
                result = verdict(ping);
                state = result.outcome().isFailure() ? State.DOWN : State.UP;
            }
            recomputeDownAt();
            arm();
            // Delivered inside the lock so that results of one monitor reach the state machine in order.
            if (result != null && worthEmitting(result)) {
                emit(result);
            }
        }
    }

    /**
     * Every ping is stored, but not every ping becomes a result: an agent that pings ten times a
     * period would otherwise write ten results (and rollup updates) that say the same thing. A
     * result is emitted when its outcome differs from the last one, until the thresholds of the
     * state machine can be reached, and otherwise at most once per period ({@code every}; always
     * for cron schedules, whose jobs ping rarely). Uptime then counts periods, not pings.
     */
    private boolean worthEmitting(CheckResult result) {
        if (result.outcome() != lastEmitted || emittedInARow < Math.max(monitor.failureThreshold(), monitor.successThreshold())) {
            return true;
        }
        return !(settings.schedule() instanceof HeartbeatSchedule.Every every)
                || !result.startedAt().isBefore(lastEmittedAt.plus(every.period()));
    }

    private void emit(CheckResult result) {
        emittedInARow = result.outcome() == lastEmitted ? emittedInARow + 1 : 1;
        lastEmitted = result.outcome();
        lastEmittedAt = result.startedAt();
        sink.accept(result);
    }

    private CheckResult verdict(Ping ping) {
        Timings timings = Timings.totalOnly(ping.durationMs() == null ? Timings.NONE : ping.durationMs() * 1000);
        if (ping.kind() == Ping.Kind.FAIL) {
            String why = ping.message() != null ? ping.message()
                    : ping.exitCode() != null ? "exit code " + ping.exitCode() : "fail ping received";
            return new CheckResult(monitor.id(), ping.receivedAt(), Outcome.FAILED, why, timings, List.of());
        }
        return CheckRunner.verdict(monitor, ping.receivedAt(), Probe.reached(
                ping.message() != null ? ping.message() : "success ping received", timings, new HeartbeatObservation(ping)),
                ping.receivedAt());
    }

    /** What a ping changes in the memory (last ping, runs, last success...), not in the deadline. */
    private void remember(Ping ping) {
        lastPing = ping.receivedAt();
        lastKind = ping.kind();
        switch (ping.kind()) {
            case START -> openRuns(ping.runId(), ping.receivedAt());
            case SUCCESS, FAIL -> {
                closeRun(ping.runId());
                lastClosing = ping.receivedAt();
                lastDuration = ping.durationMs() == null ? null : Duration.ofMillis(ping.durationMs());
                if (ping.kind() == Ping.Kind.SUCCESS) {
                    lastSuccess = ping.receivedAt();
                }
            }
            case LOG -> {
            }
        }
    }

    /** The memory to save, as of now. */
    synchronized HeartbeatMemory memory(Instant savedAt) {
        return new HeartbeatMemory(monitor.id(), lastPing, lastKind, lastClosing, lastDuration == null ? null : lastDuration.toMillis(),
                lastSuccess, openRuns, savedAt);
    }

    /** The memory to save if a ping changed it since the last call; null otherwise. */
    synchronized HeartbeatMemory changedMemory(Instant savedAt) {
        if (!changed) {
            return null;
        }
        changed = false;
        return memory(savedAt);
    }

    /** The save of {@link #changedMemory} failed: save again next time. */
    synchronized void unsaved() {
        changed = true;
    }

    private void openRuns(String runId, Instant at) {
        String key = runId == null ? "" : runId;
        openRuns.remove(key);
        openRuns.put(key, at);
        if (openRuns.size() > MAX_OPEN_RUNS) {
            openRuns.pollFirstEntry();
        }
    }

    private void closeRun(String runId) {
        if (runId != null) {
            openRuns.remove(runId);
        } else if (!openRuns.isEmpty()) {
            openRuns.pollLastEntry();
        }
    }

    /** Down at min(due, oldest open start) + grace, like Healthchecks.io's grace start. */
    private void recomputeDownAt() {
        Instant graceStart = dueAt;
        if (!openRuns.isEmpty()) {
            Instant oldestStart = openRuns.firstEntry().getValue();
            graceStart = graceStart == null || oldestStart.isBefore(graceStart) ? oldestStart : graceStart;
        }
        downAt = graceStart == null ? null : graceStart.plus(settings.grace());
    }

    private Instant nextWake(Instant now) {
        if (state == State.DOWN || state == State.PAUSED || downAt == null) {
            return null;
        }
        if (state != State.LATE && dueAt != null && now.isBefore(dueAt) && dueAt.isBefore(downAt)) {
            return dueAt;
        }
        return downAt;
    }

    private void arm() {
        if (closed) {
            return;
        }
        Instant wake = nextWake(clock.instant());
        if (wake == null || armedAt != null && !armedAt.isAfter(wake)) {
            return; // the armed task fires earlier (or on time) and re-arms itself
        }
        if (armed != null) {
            armed.cancel();
        }
        armedAt = wake;
        armed = timer.at(wake, this::onTimer);
    }

    /** Fired by the timer: late at the due time, down at due + grace; otherwise re-armed at the moved deadline. */
    void onTimer() {
        synchronized (this) {
            armed = null;
            armedAt = null;
            if (closed || state == State.DOWN || state == State.PAUSED || downAt == null) {
                return;
            }
            Instant now = clock.instant();
            CheckResult result = null;
            if (!now.isBefore(downAt) && !pingsCanBeStored.getAsBoolean()) {
                // Lookout's storage is away and pings get 503: their absence says nothing about the job.
                heldByStorage = true;
                armedAt = now.plus(STORAGE_RECHECK);
                armed = timer.at(armedAt, this::onTimer);
                return;
            }
            if (!now.isBefore(downAt) && heldByStorage) {
                heldByStorage = false;
                downAt = later(downAt, now.plus(settings.grace()));
            }
            if (!now.isBefore(downAt)) {
                state = State.DOWN;
                result = new CheckResult(monitor.id(), now, Outcome.FAILED, missedMessage(), Timings.totalOnly(Timings.NONE),
                        List.of());
            } else if (dueAt != null && !now.isBefore(dueAt) && state == State.UP) {
                state = State.LATE;
            }
            arm();
            if (result != null) {
                emit(result);
            }
        }
    }

    private String missedMessage() {
        String grace = Durations.format(settings.grace());
        if (!openRuns.isEmpty() && (dueAt == null || openRuns.firstEntry().getValue().isBefore(dueAt))) {
            return "started at " + openRuns.firstEntry().getValue() + " and did not finish within the " + grace + " grace";
        }
        String since = lastPing == null ? "" : " since " + lastPing;
        return "no ping" + since + ", expected " + settings.schedule().describe() + " + " + grace + " grace";
    }

    synchronized HeartbeatStatus status() {
        boolean waiting = state != State.DOWN && state != State.PAUSED;
        return new HeartbeatStatus(state.name().toLowerCase(), settings.schedule().describe(), settings.grace(), lastPing,
                lastKind == null ? null : lastKind.code(), lastSuccess,
                openRuns.isEmpty() ? null : openRuns.lastEntry().getValue(),
                waiting ? dueAt : null, waiting ? downAt : null, lastDuration);
    }

    boolean isPaused() {
        return monitor.paused();
    }

    synchronized void close() {
        closed = true;
        if (armed != null) {
            armed.cancel();
            armed = null;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
