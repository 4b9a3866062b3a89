package dev.lookout.control;

import dev.lookout.config.MonitorConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators do to monitors at run time: pause (with a reason and an optional end) and
 * resume, silence the alerts until a time, ask for a check now. Each action is written to the
 * database, which every node reads ({@link #refresh}, every few seconds and after each action
 * here), so the node that checks a monitor acts on what any node was told and a restart keeps
 * it; questions are answered from memory.
 *
 * <p>A pause reaches the rest of Lookout as the monitor's {@code paused} flag ({@link #overlay}):
 * the scheduler, the states, the alerts and the pages treat it exactly as {@code paused: true} in
 * the file. A check asked for runs on the node that checks the monitor, which then clears the
 * request.
 */
public final class MonitorControls {
    private static final Logger log = LoggerFactory.getLogger(MonitorControls.class);
    /** The longest reason kept, in characters. */
    public static final int MAX_REASON = 500;

    /** What the node does when the controls change. */
    public interface Effects {
        /** Which monitors are paused changed (a pause, a resume, or a pause that ended by itself): apply them. */
        void pausesChanged();

        /** Runs the monitor's check now if this node checks it; whether it does. */
        boolean checkNow(String monitorId);

        /** Why the monitor cannot be checked on request (a heartbeat monitor waits for pings), if it cannot. */
        Optional<String> notCheckable(MonitorConfig monitor);
    }

    private final MonitorControlRepository repository;
    /** The monitors as the file configures them (their own {@code paused} flag). */
    private final Function<String, Optional<MonitorConfig>> configured;
    private final InstantSource clock;
    private final Effects effects;
    private volatile Map<String, MonitorControl> current = Map.of();
    /** The paused monitors as last applied; guarded by this. */
    private Set<String> applied = Set.of();

    public MonitorControls(MonitorControlRepository repository, Function<String, Optional<MonitorConfig>> configured,
                           InstantSource clock, Effects effects) {
        this.repository = repository;
        this.configured = configured;
        this.clock = clock;
        this.effects = effects;
    }

    /** Reads the controls, without acting on them: at start, before the monitors are applied the first time. */
    public synchronized void load() {
        current = read();
        applied = pausedIds(clock.instant());
    }

    /**
     * Reads the controls again and acts on what changed: pauses begun or ended (here, on another
     * node, or by their end time) are applied, checks asked for run if this node checks the
     * monitor, and ended pauses and silences are cleared from the database.
     */
    public synchronized void refresh() {
        Map<String, MonitorControl> read = read();
        current = read;
        Instant now = clock.instant();
        Set<String> paused = pausedIds(now);
        if (!paused.equals(applied)) {
            applied = paused;
            effects.pausesChanged();
        }
        for (MonitorControl control : read.values()) {
            if (control.checkRequestedAt() != null && !paused(control.monitorId()) && effects.checkNow(control.monitorId())) {
                log.info("monitor {}: checking now, as {} asked at {}", control.monitorId(), control.checkRequestedBy(),
                        control.checkRequestedAt());
                repository.checkStarted(control.monitorId(), control.checkRequestedAt());
            }
        }
        boolean ended = read.values().stream().anyMatch(c -> c.pause() != null && !c.pause().activeAt(now)
                || c.silence() != null && !c.silence().activeAt(now));
        if (ended) {
            repository.clearEnded(now);
        }
    }

    private Map<String, MonitorControl> read() {
        Map<String, MonitorControl> read = new HashMap<>();
        for (MonitorControl control : repository.all()) {
            read.put(control.monitorId(), control);
        }
        return Map.copyOf(read);
    }

    private Set<String> pausedIds(Instant now) {
        Set<String> out = new TreeSet<>();
        current.values().forEach(c -> {
            if (c.pause() != null && c.pause().activeAt(now)) {
                out.add(c.monitorId());
            }
        });
        return Set.copyOf(out);
    }

    /** The monitor's pause by an operator, if it holds now. */
    public Optional<Pause> pause(String monitorId) {
        MonitorControl control = current.get(monitorId);
        Instant now = clock.instant();
        return control == null || control.pause() == null || !control.pause().activeAt(now) ? Optional.empty()
                : Optional.of(control.pause());
    }

    /** The monitor's silence, if it holds now. */
    public Optional<Silence> silence(String monitorId) {
        MonitorControl control = current.get(monitorId);
        Instant now = clock.instant();
        return control == null || control.silence() == null || !control.silence().activeAt(now) ? Optional.empty()
                : Optional.of(control.silence());
    }

    /** When a check now was asked for and has not started yet, if it was. */
    public Optional<Instant> checkRequested(String monitorId) {
        MonitorControl control = current.get(monitorId);
        return control == null ? Optional.empty() : Optional.ofNullable(control.checkRequestedAt());
    }

    /** Whether an operator's pause of the monitor holds now. */
    public boolean paused(String monitorId) {
        return pause(monitorId).isPresent();
    }

    /** The monitors with the operators' pauses as their {@code paused} flag: what the rest of Lookout applies. */
    public List<MonitorConfig> overlay(List<MonitorConfig> monitors) {
        return monitors.stream().map(m -> !m.paused() && paused(m.id()) ? m.pausedAtRunTime() : m).toList();
    }

    /** Pauses the monitor; the pause as stored. */
    public Pause pause(String monitorId, String reason, Instant until, String by) {
        MonitorConfig monitor = known(monitorId);
        if (monitor.paused()) {
            throw conflict("monitor '" + monitorId + "' is paused in the configuration file (paused: true): change it there");
        }
        String why = text(reason, "reason");
        if (why == null) {
            throw new ControlRefused(ControlRefused.Kind.INVALID, "a pause needs a reason (say why, for the others)");
        }
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            throw new ControlRefused(ControlRefused.Kind.INVALID, "until (" + until + ") is not in the future (now is "
                    + now + "): give a later time, or leave it out to pause until resumed");
        }
        Pause pause = new Pause(why, by, now, until);
        repository.pause(monitorId, pause);
        refresh();
        return pause;
    }

    /** Ends the monitor's pause; whether it was paused. It is evaluated again from its next check. */
    public boolean resume(String monitorId) {
        MonitorConfig monitor = known(monitorId);
        if (monitor.paused()) {
            throw conflict("monitor '" + monitorId + "' is paused in the configuration file (paused: true): change it there");
        }
        boolean was = repository.resume(monitorId);
        refresh();
        return was;
    }

    /** Silences the monitor's alerts until {@code until}; the silence as stored. */
    public Silence silence(String monitorId, Instant until, String reason, String by) {
        known(monitorId);
        Instant now = clock.instant();
        if (until == null) {
            throw new ControlRefused(ControlRefused.Kind.INVALID, "a silence needs an end: until, a time in ISO-8601");
        }
        if (!until.isAfter(now)) {
            throw new ControlRefused(ControlRefused.Kind.INVALID, "until (" + until + ") is not in the future (now is "
                    + now + ")");
        }
        Silence silence = new Silence(text(reason, "reason"), by, now, until);
        repository.silence(monitorId, silence);
        refresh();
        return silence;
    }

    /** Ends the monitor's silence; whether it had one. Alerts held meanwhile go out if the problem is still there. */
    public boolean unsilence(String monitorId) {
        known(monitorId);
        boolean had = repository.unsilence(monitorId);
        refresh();
        return had;
    }

    /** Asks for one check of the monitor as soon as possible, by whichever node checks it; when it was asked. */
    public Instant requestCheck(String monitorId, String by) {
        MonitorConfig monitor = known(monitorId);
        if (monitor.paused() || paused(monitorId)) {
            throw conflict("monitor '" + monitorId + "' is paused: resume it to check it");
        }
        effects.notCheckable(monitor).ifPresent(why -> {
            throw conflict(why);
        });
        Instant now = clock.instant();
        repository.requestCheck(monitorId, now, by);
        refresh();
        return now;
    }

    private MonitorConfig known(String monitorId) {
        return configured.apply(monitorId).orElseThrow(() -> new ControlRefused(ControlRefused.Kind.UNKNOWN_MONITOR,
                "no monitor with id '" + monitorId + "'"));
    }

    private static ControlRefused conflict(String message) {
        return new ControlRefused(ControlRefused.Kind.CONFLICT, message);
    }

    /** Stripped, null when blank; refused when longer than {@link #MAX_REASON}. */
    private static String text(String given, String field) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String stripped = given.strip();
        if (stripped.length() > MAX_REASON) {
            throw new ControlRefused(ControlRefused.Kind.INVALID, field + " is longer than " + MAX_REASON + " characters");
        }
        return stripped;
    }
}
