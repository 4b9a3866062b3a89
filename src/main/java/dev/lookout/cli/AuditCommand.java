package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.condition.Durations;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lookout audit}: the newest entries of the audit log of a running Lookout, oldest of them
 * first as {@code tail} prints a file, through {@code GET /api/v1/audit} with an admin key.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Show the newest audit log entries (who wrote what, when, from where); needs an admin token or key.")
final class AuditCommand extends AdminCommand {

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20", description = "How many entries (1..1000, default 20).")
    int lines;

    @Option(names = "--actor", paramLabel = "WHO", description = "Only this actor: a user, \"api key 'NAME'\", \"admin token\", cli.")
    String actor;

    @Option(names = "--object-type", paramLabel = "TYPE", description = "Only objects of this type: incident, user, api_key, ...")
    String objectType;

    @Option(names = "--object-id", paramLabel = "ID", description = "Only this object.")
    String objectId;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only entries since a time (ISO-8601) or this long ago (e.g. 24h).")
    String since;

    @Override
    boolean writes() {
        return true; // reading the audit log takes an admin: the token is needed
    }

    @Override
    JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput {
        if (lines < 1 || lines > 1000) {
            throw new BadInput("--lines must be from 1 to 1000, not " + lines);
        }
        List<String> query = new ArrayList<>();
        query.add("limit=" + lines);
        add(query, "actor", actor);
        add(query, "object_type", objectType);
        add(query, "object_id", objectId);
        add(query, "from", since == null ? null : since(since));
        return client.get("/api/v1/audit?" + String.join("&", query));
    }

    private static String since(String text) throws BadInput {
        var ago = Durations.parse(text);
        if (ago.isPresent()) {
            return Instant.now().minus(ago.get()).toString();
        }
        try {
            return Instant.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw new BadInput("--since '" + text + "' is neither a duration (24h, 7d) nor a time such as 2026-12-01T02:00:00Z");
        }
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    @Override
    void summarise(JsonNode answer, PrintWriter out) {
        List<JsonNode> entries = new ArrayList<>();
        answer.path("entries").forEach(entries::add);
        if (entries.isEmpty()) {
            out.println("no audit entries");
            return;
        }
        for (JsonNode e : entries.reversed()) {
            String object = e.path("object_type").isNull() ? "" : e.path("object_type").asText()
                    + (e.path("object_id").isNull() ? "" : " " + e.path("object_id").asText());
            out.printf("%s  %-20s %-18s %-45s %s%n", e.path("at").asText(), e.path("actor").asText(),
                    e.path("address").isNull() ? "-" : e.path("address").asText(), e.path("action").asText(), object);
        }
    }
}
