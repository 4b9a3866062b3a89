package dev.lookout.importer;

import dev.lookout.condition.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collects "this monitor (or component) notifies that channel" as the sources state it, one pair
 * at a time, and writes as few {@code alerting.routes} as say the same: targets that notify the
 * same channels, on the same transitions and with the same reminder share one route.
 */
public final class Routes {
    /** What a route matches: {@code monitors} or {@code components}. */
    public enum Selector {
        MONITORS("monitors"), COMPONENTS("components");

        private final String key;

        Selector(String key) {
            this.key = key;
        }
    }

    private record Target(Selector selector, String id, Duration repeat, List<String> on) {
    }

    private record Shape(Selector selector, Set<String> channels, Duration repeat, List<String> on) {
    }

    private final Map<Target, Set<String>> channelsByTarget = new LinkedHashMap<>();

    /**
     * @param repeat reminder interval while down, or null for none
     * @param on     transitions notified, or an empty list for Lookout's default (down and recovered)
     */
    public void add(Selector selector, String id, String channel, Duration repeat, List<String> on) {
        Target target = new Target(selector, id, repeat, List.copyOf(on));
        channelsByTarget.computeIfAbsent(target, t -> new LinkedHashSet<>()).add(Objects.requireNonNull(channel));
    }

    public boolean isEmpty() {
        return channelsByTarget.isEmpty();
    }

    List<Node> build() {
        Map<Shape, List<String>> targets = new LinkedHashMap<>();
        channelsByTarget.forEach((target, channels) -> targets
                .computeIfAbsent(new Shape(target.selector(), channels, target.repeat(), target.on()), s -> new ArrayList<>())
                .add(target.id()));
        List<Node> routes = new ArrayList<>();
        targets.forEach((shape, ids) -> routes.add(new Node()
                .put(shape.selector().key, List.copyOf(ids))
                .put("channels", List.copyOf(shape.channels()))
                .put("on", shape.on())
                .put("repeat", shape.repeat() == null ? null : Durations.format(shape.repeat()))));
        return routes;
    }
}
