package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.cluster.Ownership;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The cluster tests' view of who checks how much: as a node lists it, and as rendezvous hashing says it should be. */
final class ClusterShares {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterShares() {
    }

    /** The cluster as the node at {@code base} last read it ({@code GET /api/v1/cluster}): nodes, shares, leader. */
    static JsonNode view(URI base, String adminToken) throws Exception {
        HttpResponse<String> response = NodeHttp.HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/cluster"))
                .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/v1/cluster: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** How many monitors each live node checks, as the node at {@code base} lists them. */
    static Map<String, Integer> owned(URI base, String adminToken) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (JsonNode n : view(base, adminToken).path("nodes")) {
            if (n.path("alive").asBoolean()) {
                out.put(n.path("name").asText(), n.path("monitors").asInt());
            }
        }
        return out;
    }

    /** How many of {@code monitors} each of the {@code live} nodes owns by rendezvous. */
    static Map<String, Integer> shares(Collection<String> monitors, Collection<String> live) {
        Map<String, Integer> out = new HashMap<>();
        monitors.forEach(m -> out.merge(Ownership.owner(m, live), 1, Integer::sum));
        return out;
    }
}
