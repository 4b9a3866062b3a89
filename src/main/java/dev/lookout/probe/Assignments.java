package dev.lookout.probe;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.config.ProbeConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which monitors a probe checks: those whose {@code vantage.from} names it or its region, not
 * paused, each as its definition in the server's file before environment substitution ({@code
 * ${VAR}} is resolved from the probe's own environment: the server's secrets never travel), less
 * the keys only the server uses.
 */
public final class Assignments {
    /** How often a probe asks for its assignment again (and so how late it sees a changed file). */
    public static final Duration POLL_EVERY = Duration.ofSeconds(10);

    /** What the probe does not need: where the monitor is shown, what it depends on, how its verdict is reached and alerted. */
    static final Set<String> SERVER_ONLY_KEYS = Set.of("component", "depends_on", "vantage", "tags", "failure_threshold",
            "success_threshold", "degradation", "slo", "paused", "description");

    private Assignments() {
    }

    /** The probe's assignment in {@code config}; empty when the probe is not declared there. */
    public static Optional<ProbeProtocol.Assignment> of(LookoutConfig config, String probe, long ackedSeq) {
        return of(config, probe, ackedSeq, Set.of());
    }

    /**
     * The probe's assignment, with the monitors a mass-failure guard asks a second opinion on
     * ({@link SecondOpinions}) added to those its vantage configuration gives it.
     */
    public static Optional<ProbeProtocol.Assignment> of(LookoutConfig config, String probe, long ackedSeq,
                                                        Set<String> secondOpinion) {
        Optional<ProbeConfig> declared = config.probe(probe);
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        List<ProbeProtocol.AssignedMonitor> monitors = config.monitors().stream()
                .filter(m -> !m.paused() && (assigned(config, m, probe) || asked(m, secondOpinion)))
                .map(m -> new ProbeProtocol.AssignedMonitor(m.id(), definition(m))).toList();
        String region = declared.get().region();
        return Optional.of(new ProbeProtocol.Assignment(probe, region, version(region, monitors), ackedSeq,
                POLL_EVERY.toMillis(), monitors));
    }

    /** The ids of the monitors the probe checks now (results of others are refused). */
    public static Set<String> monitorIds(LookoutConfig config, String probe) {
        return monitorIds(config, probe, Set.of());
    }

    /** The ids of the monitors the probe checks now, second opinions included. */
    public static Set<String> monitorIds(LookoutConfig config, String probe, Set<String> secondOpinion) {
        return config.monitors().stream().filter(m -> assigned(config, m, probe) || asked(m, secondOpinion))
                .map(MonitorConfig::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether the probe checks the monitor because its vantage configuration names the probe or its region. */
    public static boolean assigned(LookoutConfig config, MonitorConfig monitor, String probe) {
        return !monitor.vantage().serverOnly() && monitor.vantage().points(config.probes()).contains(probe);
    }

    /** Whether a guard asks the probes about the monitor: it is held, and it is checked (not pushed to). */
    private static boolean asked(MonitorConfig monitor, Set<String> secondOpinion) {
        return secondOpinion.contains(monitor.id()) && !"heartbeat".equals(monitor.type());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> definition(MonitorConfig monitor) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (monitor.definition() instanceof Map<?, ?> raw) {
            ((Map<String, Object>) raw).forEach((key, value) -> {
                if (!SERVER_ONLY_KEYS.contains(key)) {
                    out.put(key, value);
                }
            });
        }
        out.putIfAbsent("id", monitor.id());
        return out;
    }

    /** A digest of what the probe is told, so that an unchanged assignment is answered 304. */
    private static String version(String region, List<ProbeProtocol.AssignedMonitor> monitors) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(region).getBytes(StandardCharsets.UTF_8));
            digest.update(ProbeProtocol.JSON.writeValueAsBytes(monitors));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot digest an assignment", e);
        }
    }
}
