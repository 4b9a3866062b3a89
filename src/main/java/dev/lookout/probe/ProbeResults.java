package dev.lookout.probe;

import dev.lookout.check.CheckResult;
import dev.lookout.config.LookoutConfig;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a probe's batch of results: stores, in one transaction, those not stored before of the
 * monitors assigned to it (see {@link ProbeRegistry#store}), then tells the {@link Listener}s
 * what was stored, in order. A batch stored by another node sharing the database is told to the
 * listeners here too ({@link #hearOtherNodes}).
 */
public final class ProbeResults {
    private static final Logger log = LoggerFactory.getLogger(ProbeResults.class);

    /**
     * Hears every probe result this node stored, and those other nodes sharing the database stored,
     * once each, in the probe's order. Called on the storing request's thread (or the database
     * listener's): it must not block for long; a listener that throws is logged and the others
     * still hear.
     */
    public interface Listener {
        void received(String probe, List<CheckResult> results);
    }

    private final ProbeRegistry registry;
    private final Supplier<LookoutConfig> config;
    private final InstantSource clock;
    private final String node;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** By probe: the monitors it said it cannot check, and why, as its newest batch to this node said. */
    private final Map<String, Map<String, String>> unchecked = new ConcurrentHashMap<>();
    private volatile SecondOpinions secondOpinions = new SecondOpinions(Map::of);

    public ProbeResults(ProbeRegistry registry, Supplier<LookoutConfig> config, InstantSource clock, String node) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
        this.node = node;
    }

    public ProbeResults addListener(Listener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Where the results of monitors a probe checks only because a mass-failure guard asks it to go
     * (instead of the listeners: they are a second opinion, not the monitor's result).
     */
    public ProbeResults withSecondOpinions(SecondOpinions opinions) {
        this.secondOpinions = opinions;
        return this;
    }

    /** The monitors every probe is asked about now, besides its own (see {@link SecondOpinions}). */
    public java.util.Set<String> secondOpinionsAsked() {
        return secondOpinions.asked().keySet();
    }

    /** Hears the results other nodes store from now on (PostgreSQL); call once. Listeners may be added before or after. */
    public void hearOtherNodes() {
        registry.onStoredElsewhere(this::tell);
    }

    /**
     * Stores a batch the probe sent; an invalid result (no monitor id, no outcome, a number below 1)
     * refuses the whole batch with a message naming it.
     *
     * @throws IllegalArgumentException what is wrong with the batch, for a 400
     */
    public ProbeProtocol.BatchAnswer accept(String probe, ProbeProtocol.ResultBatch batch, String address) {
        if (batch.results().size() > ProbeProtocol.MAX_BATCH) {
            throw new IllegalArgumentException("a batch carries at most " + ProbeProtocol.MAX_BATCH + " results, not "
                    + batch.results().size());
        }
        if (batch.dropped() < 0) {
            throw new IllegalArgumentException("dropped must not be negative");
        }
        List<ProbeRegistry.Numbered> numbered = new ArrayList<>(batch.results().size());
        long previous = 0;
        for (ProbeProtocol.WireResult wire : batch.results()) {
            CheckResult result = wire.toResult();
            if (wire.seq() <= previous) {
                throw new IllegalArgumentException("results must be in increasing seq order: " + wire.seq() + " after "
                        + previous);
            }
            previous = wire.seq();
            numbered.add(new ProbeRegistry.Numbered(wire.seq(), result));
        }
        ProbeRegistry.Stored stored = registry.store(probe, numbered, Assignments.monitorIds(config.get(), probe, secondOpinionsAsked()),
                batch.dropped(), clock.instant(), node, address);
        if (stored.ignored() > 0) {
            log.warn("probe {}: {} results of monitors not assigned to it were refused", probe, stored.ignored());
        }
        tell(probe, stored.stored());
        if (batch.unchecked() != null) {
            noteUnchecked(probe, batch.unchecked());
        }
        return new ProbeProtocol.BatchAnswer(stored.ackedSeq(), stored.stored().size(), stored.duplicates(), stored.ignored());
    }

    /** The monitors the probe said it cannot check, with why; empty when it checks all it was given. */
    public Map<String, String> unchecked(String probe) {
        return unchecked.getOrDefault(probe, Map.of());
    }

    private void noteUnchecked(String probe, List<ProbeProtocol.Unchecked> said) {
        Map<String, String> now = new java.util.TreeMap<>();
        for (ProbeProtocol.Unchecked one : said) {
            if (one.monitorId() != null) {
                now.put(one.monitorId(), reason(one.why()));
            }
        }
        Map<String, String> before = unchecked.put(probe, Map.copyOf(now));
        if (now.equals(before == null ? Map.of() : before)) {
            return;
        }
        if (now.isEmpty()) {
            log.info("probe {} checks every monitor of its assignment again", probe);
        } else {
            log.warn("probe {} cannot check {} of its monitors: {}", probe, now.size(), now.entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    /** A probe's reason as kept and logged: at most 500 characters. */
    private static String reason(String why) {
        if (why == null) {
            return "no reason given";
        }
        return why.length() > 500 ? why.substring(0, 500) + "…" : why;
    }

    private void tell(String probe, List<CheckResult> all) {
        LookoutConfig current = config.get();
        boolean anyAsked = !secondOpinions.asked().isEmpty();
        List<CheckResult> results = anyAsked ? new ArrayList<>(all.size()) : all;
        for (CheckResult result : anyAsked ? all : List.<CheckResult>of()) {
            boolean own = current.monitor(result.monitorId()).map(m -> Assignments.assigned(current, m, probe)).orElse(false);
            if (own) {
                results.add(result);
            } else {
                secondOpinions.heard(probe, result);
            }
        }
        if (results.isEmpty()) {
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.received(probe, results);
            } catch (RuntimeException e) {
                log.error("probe {}: a listener failed on {} results: {}", probe, results.size(), e.toString());
            }
        }
    }
}
