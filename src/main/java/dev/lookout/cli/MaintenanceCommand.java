package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code lookout maintenance ...}: scheduled maintenance through a running Lookout's {@code /api/v1/maintenances}. */
@Command(name = "maintenance", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Announce, update and complete scheduled maintenance on a running Lookout.",
        subcommands = {MaintenanceCommand.Schedule.class, MaintenanceCommand.Update.class, MaintenanceCommand.Complete.class,
                MaintenanceCommand.ListMaintenances.class, MaintenanceCommand.Show.class})
final class MaintenanceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: schedule, update, complete, list or show");
    }

    /** ISO-8601 with {@code Z} or an offset: {@code 2026-12-01T22:00:00Z}, {@code 2026-12-01T23:00:00+01:00}. */
    static final class IsoInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 time with zone, e.g. 2026-12-01T22:00:00Z "
                        + "or 2026-12-01T23:00:00+01:00");
            }
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Announce a maintenance window; it starts and completes by itself at --starts and --ends.")
    static final class Schedule extends AdminCommand {
        @Option(names = "--title", required = true, paramLabel = "TITLE", description = "What users see as the maintenance's name.")
        String title;

        @Option(names = "--starts", required = true, paramLabel = "TIME", converter = IsoInstant.class,
                description = "Start, ISO-8601 (2026-12-01T22:00:00Z).")
        Instant starts;

        @Option(names = "--ends", required = true, paramLabel = "TIME", converter = IsoInstant.class,
                description = "End, ISO-8601 (2026-12-01T23:00:00Z).")
        Instant ends;

        @Option(names = "--component", paramLabel = "ID", description = "A component under maintenance meanwhile; repeatable.")
        List<String> components = new ArrayList<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        MessageOption message;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("name", title)
                    .put("body", MessageOption.read(message, main().stdin()))
                    .put("scheduled_for", starts.toString()).put("scheduled_until", ends.toString());
            body.set("components", AdminClient.JSON.valueToTree(components));
            return client.send("POST", "/api/v1/maintenances", body);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.maintenance("Scheduled", answer, out);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Post an update, with or without a new status.")
    static final class Update extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The maintenance's id.")
        long id;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "in_progress, verifying or completed (default: unchanged; then a message is required).")
        String status;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        MessageOption message;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
            return client.send("POST", "/api/v1/maintenances/" + id + "/updates",
                    update(status, MessageOption.read(message, main().stdin())));
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.maintenance("Updated", answer, out);
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true, description = "Complete a maintenance now (early or on time).")
    static final class Complete extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The maintenance's id.")
        long id;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        MessageOption message;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
            return client.send("POST", "/api/v1/maintenances/" + id + "/updates",
                    update("completed", MessageOption.read(message, main().stdin())));
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.maintenance("Completed", answer, out);
        }
    }

    private static ObjectNode update(String status, String text) {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        if (status != null) {
            body.put("status", status);
        }
        if (text != null) {
            body.put("body", text);
        }
        return body;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List maintenances, latest start first.")
    static final class ListMaintenances extends AdminCommand {
        @Option(names = "--status", paramLabel = "FILTER", defaultValue = "all",
                description = "active (under way), upcoming or all (default).")
        String status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most N maintenances with --status all (1..500, default 50).")
        int limit;

        @Override
        boolean writes() {
            return false;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.get("/api/v1/maintenances?status=" + IncidentText.query(status) + "&limit=" + limit);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.maintenanceList(answer.path("maintenances"), out);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one maintenance with every update.")
    static final class Show extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The maintenance's id.")
        long id;

        @Override
        boolean writes() {
            return false;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.get("/api/v1/maintenances/" + id);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            IncidentText.maintenanceInFull(answer, out);
        }
    }
}
