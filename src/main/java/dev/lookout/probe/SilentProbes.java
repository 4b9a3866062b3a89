package dev.lookout.probe;

import dev.lookout.condition.Durations;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.ProbeConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Says once when a declared probe has made no request for its {@code silent_after}, naming it,
 * its last contact and from where, and once when it calls again: one system alert per probe,
 * never one per monitor. Run by the leader; the silence is marked in the database, so that a new
 * leader neither says it again nor forgets to say that it is over.
 */
public final class SilentProbes implements Runnable {

    /** Where the messages go: the alert engine's system alerts; {@code key} makes each once-only. */
    public interface Say {
        void say(String key, boolean problem, String text);
    }

    private final Supplier<LookoutConfig> config;
    private final ProbeRegistry registry;
    private final InstantSource clock;
    private final Say say;
    /** A probe that never called is counted silent from here: when this node started watching. */
    private Instant watchingSince;

    public SilentProbes(Supplier<LookoutConfig> config, ProbeRegistry registry, InstantSource clock, Say say) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.say = say;
    }

    @Override
    public synchronized void run() {
        Instant now = clock.instant();
        if (watchingSince == null) {
            watchingSince = now;
        }
        Map<String, ProbeRegistry.Probe> known = registry.probes().stream()
                .collect(Collectors.toMap(ProbeRegistry.Probe::name, Function.identity()));
        for (ProbeConfig declared : config.get().probes()) {
            ProbeRegistry.Probe probe = known.get(declared.name());
            Instant lastSeen = probe == null ? null : probe.lastSeenAt();
            Instant reference = lastSeen != null ? lastSeen : watchingSince;
            boolean silent = !now.isBefore(reference.plus(declared.silentAfter()));
            boolean marked = probe != null && probe.silentSince() != null;
            if (silent && !marked && registry.markSilent(declared.name(), reference)) {
                say.say("probe-silent/" + declared.name() + "/" + reference.toEpochMilli(), true, silentText(declared, probe,
                        Duration.between(reference, now)));
            } else if (!silent && marked) {
                Optional<Instant> since = registry.markHeard(declared.name());
                since.ifPresent(at -> say.say("probe-back/" + declared.name() + "/" + at.toEpochMilli(), false,
                        backText(declared, probe, Duration.between(at, lastSeen))));
            }
        }
    }

    /** The text of the alert when a probe falls silent; documented in docs/probes.md. */
    static String silentText(ProbeConfig declared, ProbeRegistry.Probe probe, Duration quiet) {
        String name = "Probe " + declared.name() + (declared.region() == null ? "" : " (region " + declared.region() + ")");
        String rule = " (silent_after " + Durations.format(declared.silentAfter()) + ")";
        if (probe == null || probe.lastSeenAt() == null) {
            return name + " has not contacted any Lookout server for " + Durations.format(round(quiet)) + rule
                    + ": is it running, and with a valid token? Its monitors are judged by the other vantage points meanwhile.";
        }
        return name + " is silent: no request for " + Durations.format(round(quiet)) + rule + ". Last contact "
                + probe.lastSeenAt().truncatedTo(ChronoUnit.SECONDS) + " from " + probe.lastAddress() + " via "
                + probe.lastNode() + ". Its monitors are judged by the other vantage points meanwhile.";
    }

    /** The text when it calls again. */
    static String backText(ProbeConfig declared, ProbeRegistry.Probe probe, Duration silence) {
        return "Probe " + declared.name() + " reports again after " + Durations.format(round(silence.isNegative()
                ? Duration.ZERO : silence)) + " of silence (from " + probe.lastAddress() + " via " + probe.lastNode() + ").";
    }

    private static Duration round(Duration d) {
        return d.truncatedTo(ChronoUnit.SECONDS);
    }
}
