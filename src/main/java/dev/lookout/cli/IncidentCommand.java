package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lookout incident ...}: the incident lifecycle through a running Lookout's {@code /api/v1/incidents}. */
@Command(name = "incident", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Open, update, resolve and write up incidents on a running Lookout.",
        subcommands = {IncidentCommand.Create.class, IncidentCommand.Update.class, IncidentCommand.Resolve.class,
                IncidentCommand.Postmortem.class, IncidentCommand.ListIncidents.class, IncidentCommand.Show.class})
final class IncidentCommand implements Runnable {
    private static final String COMPONENT_HELP = "An affected component and the status it has now (operational, "
            + "under_maintenance, degraded_performance, partial_outage, major_outage); repeatable.";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: create, update, resolve, postmortem, list or show");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Open an incident.")
    static final class Create extends AdminCommand {
        @Option(names = "--title", required = true, paramLabel = "TITLE", description = "What users see as the incident's name.")
        String title;

        @Option(names = "--status", paramLabel = "STATUS", defaultValue = "investigating",
                description = "investigating (default), identified, monitoring, or resolved to record one after the fact.")
        String status;

        @Option(names = "--impact", paramLabel = "IMPACT", defaultValue = "none",
                description = "none (default), minor, major or critical.")
        String impact;

        @Option(names = "--component", paramLabel = "ID=STATUS", description = COMPONENT_HELP)
        Map<String, String> components = new LinkedHashMap<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        MessageOption message;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("name", title).put("status", status).put("impact", impact)
                    .put("body", MessageOption.read(message, main().stdin()));
            body.set("components", AdminClient.JSON.valueToTree(components));
            return client.send("POST", "/api/v1/incidents", body);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.incident("Opened", answer, out);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Post an update: new status, text, component statuses.")
    static final class Update extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's id.")
        long id;

        @Option(names = "--status", paramLabel = "STATUS", description = "investigating, identified or monitoring (default: unchanged).")
        String status;

        @Option(names = "--impact", paramLabel = "IMPACT", description = "none, minor, major or critical (default: unchanged).")
        String impact;

        @Option(names = "--component", paramLabel = "ID=STATUS", description = COMPONENT_HELP)
        Map<String, String> components = new LinkedHashMap<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        MessageOption message;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("body", MessageOption.read(message, main().stdin()));
            if (status != null) {
                body.put("status", status);
            }
            if (impact != null) {
                body.put("impact", impact);
            }
            body.set("components", AdminClient.JSON.valueToTree(components));
            return client.send("POST", "/api/v1/incidents/" + id + "/updates", body);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.incident("Updated", answer, out);
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Resolve an incident; components not named go back to operational.")
    static final class Resolve extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's id.")
        long id;

        @Option(names = "--component", paramLabel = "ID=STATUS", description = COMPONENT_HELP)
        Map<String, String> components = new LinkedHashMap<>();

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        MessageOption message;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
            ObjectNode body = AdminClient.JSON.createObjectNode();
            String text = MessageOption.read(message, main().stdin());
            if (text != null) {
                body.put("body", text);
            }
            body.set("components", AdminClient.JSON.valueToTree(components));
            return client.send("POST", "/api/v1/incidents/" + id + "/resolve", body);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.incident("Resolved", answer, out);
        }
    }

    @Command(name = "postmortem", mixinStandardHelpOptions = true,
            description = "Publish (or replace) the postmortem of a resolved incident.")
    static final class Postmortem extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's id.")
        long id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        MessageOption message;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("body", MessageOption.read(message, main().stdin()));
            return client.send("PUT", "/api/v1/incidents/" + id + "/postmortem", body);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.incident("Published the postmortem of", answer, out);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List incidents, newest first.")
    static final class ListIncidents extends AdminCommand {
        @Option(names = "--status", paramLabel = "FILTER", defaultValue = "all", description = "open, resolved or all (default).")
        String status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N incidents (1..500, default 50).")
        int limit;

        @Override
        boolean writes() {
            return false;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.get("/api/v1/incidents?status=" + IncidentText.query(status) + "&limit=" + limit);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.incidentList(answer.path("incidents"), out);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one incident with every update and the postmortem.")
    static final class Show extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's id.")
        long id;

        @Override
        boolean writes() {
            return false;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.get("/api/v1/incidents/" + id);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.incidentInFull(answer, out);
        }
    }
}
