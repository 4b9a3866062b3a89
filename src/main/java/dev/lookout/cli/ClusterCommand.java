package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lookout cluster ...}: the nodes that share Lookout's database. */
@Command(name = "cluster", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "The nodes that share Lookout's database.", subcommands = {ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: status");
    }

    /** Lists the nodes as the running Lookout at --url sees them: alive or not, since when, which configuration. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "List the nodes: alive, dead or left (stopped cleanly), which one leads, last beat, version, configuration hash (marked"
                    + " when it differs from this node's) and monitors.")
    static final class Status extends AdminCommand {
        @Override
        boolean writes() {
            return true; // an admin route: it only reads, but needs the admin token
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.get("/api/v1/cluster");
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            out.printf("%-24s %-6s %-6s %-10s %-12s %-18s %8s %8s  %s%n", "NODE", "STATE", "ROLE", "LAST BEAT", "VERSION",
                    "CONFIG", "MONITORS", "LAG P99", "STARTED");
            for (JsonNode node : answer.path("nodes")) {
                String name = node.path("name").asText() + (node.path("self").asBoolean() ? " (this)" : "");
                String config = node.path("config_hash").asText() + (node.path("same_config").asBoolean() ? "" : " DIFFERS");
                out.printf("%-24s %-6s %-6s %-10s %-12s %-18s %8d %8s  %s%n", name,
                        state(node), node.path("leader").asBoolean() ? "leader" : "-",
                        node.path("last_beat_age_ms").asLong() / 1000 + " s ago", node.path("version").asText(), config,
                        node.path("monitors").asInt(), node.path("lag_p99_ms").asLong() + " ms", node.path("started_at").asText());
            }
            if (answer.path("leader").isNull() || answer.path("leader").isMissingNode()) {
                out.println("no node leads now: leader-only jobs wait until one takes the lease (at most 10 s)");
            }
            if (!answer.path("problem").isNull() && !answer.path("problem").isMissingNode()) {
                out.println("problem: " + answer.path("problem").asText());
            }
        }
    }

    private static String state(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.path("alive").asBoolean()) {
            return "alive";
        }
        return node.path("left").asBoolean() ? "left" : "dead";
    }
}
