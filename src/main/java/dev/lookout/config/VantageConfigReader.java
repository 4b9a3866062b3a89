package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;
import static dev.lookout.config.ValueShape.choice;
import static dev.lookout.config.ValueShape.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code probes:} and a monitor's {@code vantage:}. */
final class VantageConfigReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    static final ValueShape.Mapping PROBE = mapping(
            required("name", TEXT, "The probe's name, as it authenticates (lookout probe-token)"),
            key("region", TEXT, null, "A region several probes share; vantage.from may name it"),
            key("silent_after", DURATION, "2m", "A probe not heard from for this long is unhealthy; 10s..1d"));
    private static final ValueShape.Mapping VANTAGE = mapping(
            required("from", TEXTS, "Where the monitor is checked from: server, probe names and regions"),
            key("quorum", TEXT, "majority", "How many healthy vantage points must agree: a number, majority, all or any"),
            key("partial", choice("degraded", "up"), "degraded", "What a failure seen by fewer than a quorum makes the monitor"));
    /** The monitor keys this reader reads. */
    static final List<ConfigKey> MONITOR_KEYS = List.of(
            key("vantage", VANTAGE, null, "Vantage points the monitor is checked from (not for heartbeat)"));

    private final List<ProbeConfig> probes;

    private VantageConfigReader(List<ProbeConfig> probes) {
        this.probes = probes;
    }

    /** The probes declared under {@code probes:}, each name and region checked. */
    static List<ProbeConfig> probes(ConfigNode node, String nodeName) {
        List<ProbeConfig> out = new ArrayList<>();
        List<ConfigNode> declared = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> regions = new HashSet<>();
        for (ConfigNode p : node.elements()) {
            if (!p.isMapping()) {
                p.error("expected a probe (a mapping with name and region, e.g. { name: probe-eu, region: eu })");
                continue;
            }
            String name = p.requiredString("name").orElse(null);
            String region = p.string("region").orElse(null);
            Duration silentAfter = p.duration("silent_after", ProbeConfig.DEFAULT_SILENT_AFTER, Duration.ofSeconds(10),
                    Duration.ofDays(1));
            p.rejectUnknownKeys(PROBE.keys());
            if (name != null && !valid(p.get("name"), name, names, "probe name")) {
                name = null;
            }
            if (region != null && !NAME.matcher(region).matches()) {
                p.get("region").error("'" + region + "' is not a valid region (letters, digits, '_', '-', '.'; at most 63)");
                region = null;
            }
            if (name != null) {
                out.add(new ProbeConfig(name, region, silentAfter));
                declared.add(p);
                if (region != null) {
                    regions.add(region);
                }
            }
        }
        for (int i = 0; i < out.size(); i++) {
            ProbeConfig probe = out.get(i);
            if (probe.name().equals(nodeName)) {
                declared.get(i).get("name").error("'" + probe.name() + "' is this node's server.node_name: a probe's"
                        + " results are stored under its name as a node's are (give the probe or the node another name)");
            }
            if (regions.contains(probe.name())) {
                declared.get(i).get("name").error("'" + probe.name() + "' is also a region: in vantage.from it would"
                        + " name both (give the probe or the region another name)");
            }
        }
        return List.copyOf(out);
    }

    private static boolean valid(ConfigNode node, String name, Set<String> seen, String what) {
        if (!NAME.matcher(name).matches()) {
            node.error("'" + name + "' is not a valid " + what + " (letters, digits, '_', '-', '.'; at most 63)");
            return false;
        }
        if (name.equals(VantageConfig.SERVER)) {
            node.error("'" + VantageConfig.SERVER + "' is reserved: in vantage.from it names the Lookout server itself");
            return false;
        }
        if (!seen.add(name)) {
            node.error("duplicate probe name '" + name + "'");
            return false;
        }
        return true;
    }

    /** The monitor's {@code vantage:}; {@link VantageConfig#SERVER_ONLY} without it. */
    static VantageConfig read(ConfigNode monitor, List<ProbeConfig> probes, boolean scheduled) {
        if (!monitor.has("vantage")) {
            return VantageConfig.SERVER_ONLY;
        }
        ConfigNode node = monitor.get("vantage");
        if (!scheduled) {
            node.error("does not apply to pushed monitors: they are not checked from anywhere");
            return VantageConfig.SERVER_ONLY;
        }
        if (!node.isMapping()) {
            node.error("expected a mapping, e.g. { from: [server, probe-eu, probe-us], quorum: majority }");
            return VantageConfig.SERVER_ONLY;
        }
        return new VantageConfigReader(probes).vantage(node);
    }

    private VantageConfig vantage(ConfigNode node) {
        List<String> from = node.stringList("from");
        if (!node.has("from")) {
            node.error("missing key 'from' (e.g. from: [server, probe-eu, probe-us])");
        }
        List<String> known = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : from) {
            if (!seen.add(entry)) {
                node.get("from").error("'" + entry + "' is listed twice");
            } else if (!entry.equals(VantageConfig.SERVER) && probes.stream()
                    .noneMatch(p -> p.name().equals(entry) || entry.equals(p.region()))) {
                node.get("from").error("'" + entry + "' is neither 'server' nor a probe or region declared under probes: ("
                        + (probes.isEmpty() ? "none is declared" : "known: " + String.join(", ", names())) + ")");
            } else {
                known.add(entry);
            }
        }
        VantageConfig.Quorum quorum = quorum(node);
        VantageConfig.Partial partial = switch (node.string("partial", "degraded")) {
            case "degraded" -> VantageConfig.Partial.DEGRADED;
            case "up" -> VantageConfig.Partial.UP;
            default -> {
                node.get("partial").error("must be degraded or up");
                yield VantageConfig.Partial.DEGRADED;
            }
        };
        node.rejectUnknownKeys(VANTAGE.keys());
        if (known.isEmpty()) {
            return VantageConfig.SERVER_ONLY;
        }
        VantageConfig vantage = new VantageConfig(known, quorum, partial);
        int points = vantage.points(probes).size();
        if (quorum instanceof VantageConfig.Quorum.Count(int n) && n > points) {
            node.get("quorum").error(n + " is more than the " + points + " vantage point" + (points == 1 ? "" : "s")
                    + " in from (" + String.join(", ", vantage.points(probes)) + ")");
        }
        return vantage;
    }

    private static VantageConfig.Quorum quorum(ConfigNode node) {
        String text = node.string("quorum", "majority");
        return switch (text) {
            case "majority" -> new VantageConfig.Quorum.Majority();
            case "all" -> new VantageConfig.Quorum.All();
            case "any" -> new VantageConfig.Quorum.Any();
            default -> {
                try {
                    int n = Integer.parseInt(text.strip());
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    yield VantageConfig.Quorum.count(n);
                } catch (NumberFormatException e) {
                    node.get("quorum").error("'" + text + "' is not a quorum (a number from 1, majority, all or any)");
                    yield new VantageConfig.Quorum.Majority();
                }
            }
        };
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        for (ProbeConfig p : probes) {
            out.add(p.name());
            if (p.region() != null && !out.contains(p.region())) {
                out.add(p.region());
            }
        }
        return out;
    }
}
