package dev.lookout.config;

import java.util.List;

/**
 * A monitor's {@code vantage:}: where it is checked from and how many of those places must agree.
 *
 * @param from    the vantage points: {@link #SERVER} (the Lookout server that owns the monitor),
 *                probe names and regions, as written; {@link #points} resolves regions
 * @param quorum  how many healthy vantage points must agree for a verdict
 * @param partial what a failure seen by some healthy vantage points but fewer than a quorum makes
 *                the monitor
 */
public record VantageConfig(List<String> from, Quorum quorum, Partial partial) {
    /** The Lookout server itself as a vantage point: the node that owns the monitor checks it. */
    public static final String SERVER = "server";
    /** Without {@code vantage:}: checked by the server alone, as always. */
    public static final VantageConfig SERVER_ONLY = new VantageConfig(List.of(SERVER), Quorum.count(1), Partial.DEGRADED);

    public VantageConfig {
        from = List.copyOf(from);
    }

    /** Whether the monitor is checked by the server alone (no probes involved). */
    public boolean serverOnly() {
        return from.equals(List.of(SERVER));
    }

    /**
     * The vantage points by name: {@link #SERVER}, and every probe named or in a region named, in
     * the order written, each once.
     */
    public List<String> points(List<ProbeConfig> probes) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String entry : from) {
            if (entry.equals(SERVER)) {
                out.add(SERVER);
            }
            for (ProbeConfig p : probes) {
                if (p.name().equals(entry) || entry.equals(p.region())) {
                    out.add(p.name());
                }
            }
        }
        return List.copyOf(out);
    }

    /** How many of {@code healthy} vantage points must agree: never more than there are, at least one. */
    public int needed(int healthy) {
        return Math.max(1, Math.min(healthy, quorum.of(healthy)));
    }

    /** How many must agree, given how many vantage points are healthy. */
    public sealed interface Quorum {
        int of(int healthy);

        static Quorum count(int n) {
            return new Count(n);
        }

        /** A fixed number ({@code quorum: 2}); when fewer are healthy, all of the healthy ones. */
        record Count(int n) implements Quorum {
            @Override
            public int of(int healthy) {
                return n;
            }
        }

        /** More than half ({@code quorum: majority}, the default). */
        record Majority() implements Quorum {
            @Override
            public int of(int healthy) {
                return healthy / 2 + 1;
            }
        }

        /** Every healthy one ({@code quorum: all}). */
        record All() implements Quorum {
            @Override
            public int of(int healthy) {
                return healthy;
            }
        }

        /** Any one ({@code quorum: any}). */
        record Any() implements Quorum {
            @Override
            public int of(int healthy) {
                return 1;
            }
        }
    }

    /** What a failure seen by fewer than a quorum makes the monitor. */
    public enum Partial {
        /** DEGRADED: the target works for most, not for some (the default). */
        DEGRADED,
        /** UP: only a quorum counts. */
        UP
    }
}
