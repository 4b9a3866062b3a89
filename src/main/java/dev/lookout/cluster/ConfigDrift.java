package dev.lookout.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Says once, on the leader, when the live nodes run different monitor configurations (their
 * files differ), naming which node has which; and once when they agree again. Each distinct
 * disagreement is said once: its key is made from who runs what, so a new leader repeating it
 * writes nothing twice (the outbox's keys are unique). A node of the disagreement that is only
 * missing (dead or cut off, not stopped cleanly) does not end it: it comes back with the same
 * file, and saying "they agree" meanwhile would be false.
 */
public final class ConfigDrift implements Runnable {

    /** Where the messages go: the alert engine's system alerts. */
    public interface Say {
        void say(String key, boolean problem, String text);
    }

    private final Membership membership;
    private final Say say;
    private Set<String> announced = Set.of(); // "name=hash" of the disagreement last said; empty: none

    public ConfigDrift(Membership membership, Say say) {
        this.membership = membership;
        this.say = say;
    }

    /** The live nodes whose monitor configuration differs from this node's. */
    public static List<String> differingFromSelf(Membership membership) {
        return membership.nodes().stream().filter(n -> n.alive() && !n.self() && !n.sameConfig())
                .map(Membership.Node::name).toList();
    }

    @Override
    public synchronized void run() {
        List<Membership.Node> alive = membership.nodes().stream().filter(Membership.Node::alive).toList();
        Map<String, List<String>> byHash = new TreeMap<>(alive.stream().collect(Collectors.groupingBy(
                Membership.Node::configHash, Collectors.mapping(Membership.Node::name, Collectors.toList()))));
        if (byHash.size() <= 1) {
            if (!announced.isEmpty() && !anyMissing(announced)) {
                say.say("config-agrees/" + digest(announced), false, "The " + alive.size()
                        + " live Lookout nodes run the same monitor configuration again.");
                announced = Set.of();
            }
            return;
        }
        Set<String> now = alive.stream().map(n -> n.name() + "=" + n.configHash()).collect(Collectors.toCollection(TreeSet::new));
        if (now.equals(announced)) {
            return;
        }
        String who = byHash.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " (configuration " + e.getKey() + ")")
                .collect(Collectors.joining("; "));
        say.say("config-differs/" + digest(now), true, "The live Lookout nodes run different monitor configurations: " + who
                + ". Each node checks and alerts with its own file until they agree; make their lookout.yaml files the same"
                + " (lookout cluster status shows which node differs).");
        announced = now;
    }

    /** Whether a node of the disagreement is neither alive nor stopped cleanly. */
    private boolean anyMissing(Set<String> disagreement) {
        Set<String> names = disagreement.stream().map(e -> e.substring(0, e.lastIndexOf('='))).collect(Collectors.toSet());
        return membership.nodes().stream().anyMatch(n -> names.contains(n.name()) && !n.alive() && !n.left());
    }

    private static String digest(Set<String> entries) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", entries).getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
