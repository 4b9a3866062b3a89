package dev.lookout.web;

import dev.lookout.cluster.Leadership;
import dev.lookout.cluster.Membership;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/cluster} (admin): the nodes sharing this database and which one leads, as this
 * node last read them (at most a few seconds old, never a query per request);
 * {@code lookout cluster status} prints it.
 */
public final class ClusterApi implements RouteGroup {
    private final Membership membership;
    private final Leadership leadership;

    public ClusterApi(Membership membership, Leadership leadership) {
        this.membership = membership;
        this.leadership = leadership;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/api/v1/cluster", Role.VIEWER, this::status)
                .documented(ApiDoc.of("The nodes sharing the database, with their beats, versions and monitors")));
    }

    private void status(Context ctx) {
        String leader = leadership.leader().orElse(null);
        List<Map<String, Object>> nodes = membership.nodes().stream().map(n -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", n.name());
            node.put("instance_id", n.instanceId());
            node.put("self", n.self());
            node.put("alive", n.alive());
            node.put("left", n.left());
            node.put("leader", n.alive() && n.name().equals(leader));
            node.put("started_at", n.startedAt().toString());
            node.put("last_beat_age_ms", n.lastBeatAge().toMillis());
            node.put("version", n.version());
            node.put("config_hash", n.configHash());
            node.put("same_config", n.sameConfig());
            node.put("monitors", n.monitors());
            node.put("lag_p99_ms", n.lagMillis());
            return node;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", membership.name());
        body.put("leader", leader);
        body.put("problem", membership.problem().orElse(null));
        body.put("nodes", nodes);
        ctx.json(body);
    }
}
