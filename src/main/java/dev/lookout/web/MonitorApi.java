package dev.lookout.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lookout.config.ConfigError;
import dev.lookout.config.ConsoleMonitors;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.ManagedMonitor;
import dev.lookout.config.MonitorOrigin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Monitors managed through the API (issue 15): create, change and delete the console's monitors,
 * read any monitor's definition and copy it as YAML. A monitor of {@code lookout.yaml} is read-only
 * here (409 naming its file and line). Writes need an admin: what Lookout checks, and with which
 * credentials, is configuration. The definition is one {@code monitors:} entry, sent as YAML text
 * ({@code Content-Type: application/yaml}) or as a JSON object.
 */
public final class MonitorApi implements RouteGroup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final ConsoleMonitors monitors;
    private final Supplier<LookoutConfig> config;

    public MonitorApi(ConsoleMonitors monitors, Supplier<LookoutConfig> config) {
        this.monitors = monitors;
        this.config = config;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of(HandlerType.POST, "/api/v1/monitors", Role.ADMIN, this::create)
                        .documented(ApiDoc.of("Creates a console monitor from one `monitors:` entry (JSON, or YAML text)")
                                .answers(201, "the monitor, with its version").answers(409, "the id is taken")),
                Route.of(HandlerType.PUT, "/api/v1/monitors/{id}", Role.ADMIN, this::update)
                        .documented(ApiDoc.of("Replaces a console monitor's definition (`?version=` or `If-Match`)")
                                .query("version", "the version the change was made to")
                                .answers(409, "defined in lookout.yaml, or changed meanwhile")),
                Route.of(HandlerType.DELETE, "/api/v1/monitors/{id}", Role.ADMIN, this::delete)
                        .documented(ApiDoc.of("Deletes a console monitor").query("version", "the version being deleted")
                                .answers(204, "deleted").answers(409, "defined in lookout.yaml, or changed meanwhile")),
                Route.get("/api/v1/monitors/{id}/definition", Role.ADMIN, this::definition)
                        .documented(ApiDoc.of("A monitor's definition as JSON, with where it is defined")),
                Route.get("/api/v1/monitors/{id}/yaml", Role.ADMIN, this::yaml)
                        .documented(ApiDoc.of("A monitor's definition as YAML (the file's entry as written)").produces("application/yaml")),
                Route.get("/api/v1/managed-monitors", Role.ADMIN, this::list)
                        .documented(ApiDoc.of("The console's monitors, with those left out and why")));
    }

    private void create(Context ctx) {
        String definition = definitionOf(ctx);
        ManagedMonitor created = write(ctx, () -> MonitorWrites.create(monitors, ctx, definition));
        if (created != null) {
            ctx.status(201).header("Location", "/api/v1/monitors/" + created.id()).json(json(created));
        }
    }

    private void update(Context ctx) {
        String id = ctx.pathParam("id");
        String definition = definitionOf(ctx);
        Long version = versionOf(ctx);
        ManagedMonitor updated = write(ctx, () -> MonitorWrites.update(monitors, ctx, id, definition, version));
        if (updated != null) {
            ctx.json(json(updated));
        }
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        Long version = versionOf(ctx);
        ManagedMonitor deleted = write(ctx, () -> MonitorWrites.delete(monitors, ctx, id, version));
        if (deleted != null) {
            ctx.status(204);
        }
    }

    private void definition(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(describe(id));
    }

    /** "Copy as YAML": the file's entry as written, or the console monitor's definition. */
    private void yaml(Context ctx) {
        String id = ctx.pathParam("id");
        String text = yamlOf(id).orElseThrow(() -> ApiException.notFound("no monitor with id '" + id + "'"));
        ctx.contentType("application/yaml; charset=utf-8").header("Cache-Control", "no-store").result(text);
    }

    private void list(Context ctx) {
        LookoutConfig current = config.get();
        ctx.json(Map.of("monitors", monitors.list().stream().map(m -> {
            Map<String, Object> out = json(m);
            out.put("errors", errors(current.origins().problemsOf(m.id())));
            return out;
        }).toList()));
    }

    /** The definition of any monitor (the file's or the console's), where it comes from, and why it does not run. */
    public Map<String, Object> describe(String id) {
        LookoutConfig current = config.get();
        Optional<MonitorOrigin> origin = current.origins().of(id);
        Map<String, Object> out = new LinkedHashMap<>();
        if (origin.isPresent() && origin.get().fromFile()) {
            out.put("id", id);
            out.put("source", "file");
            out.put("file", origin.get().file());
            out.put("line", origin.get().line());
            out.put("yaml", origin.get().yaml());
        } else {
            ManagedMonitor managed = monitors.find(id)
                    .orElseThrow(() -> ApiException.notFound("no monitor with id '" + id + "'"));
            out.putAll(json(managed));
        }
        out.put("running", current.monitor(id).isPresent());
        out.put("errors", errors(current.origins().problemsOf(id)));
        return out;
    }

    Optional<String> yamlOf(String id) {
        Optional<MonitorOrigin> origin = config.get().origins().of(id).filter(MonitorOrigin::fromFile);
        if (origin.isPresent()) {
            return Optional.of(origin.get().yaml());
        }
        return monitors.find(id).map(ManagedMonitor::definition);
    }

    private interface Write {
        ManagedMonitor run() throws ConsoleMonitors.Refusal;
    }

    /** Runs the write; on a refusal answers with its status and errors and returns null. */
    private static ManagedMonitor write(Context ctx, Write write) {
        try {
            return write.run();
        } catch (ConsoleMonitors.Refusal refusal) {
            int status = switch (refusal.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case IN_FILE, TAKEN, STALE -> 409;
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refusal.getMessage());
            body.put("status", status);
            if (!refusal.errors().isEmpty()) {
                body.put("errors", errors(refusal.errors()));
            }
            ctx.status(status).json(body);
            return null;
        }
    }

    static List<Map<String, Object>> errors(List<ConfigError> errors) {
        return errors.stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("line", e.line());
            out.put("column", e.column());
            out.put("field", e.path());
            out.put("message", e.message());
            out.put("text", e.toString());
            return out;
        }).toList();
    }

    private static Map<String, Object> json(ManagedMonitor m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("source", "console");
        out.put("version", m.version());
        out.put("created_at", m.createdAt().toString());
        out.put("created_by", m.createdBy());
        out.put("updated_at", m.updatedAt().toString());
        out.put("updated_by", m.updatedBy());
        out.put("yaml", m.definition());
        return out;
    }

    /** The body's definition: YAML text, or a JSON object turned into YAML; {@code {"yaml": "..."}} is taken as the text. */
    static String definitionOf(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest("expected a monitor definition in the body (YAML, or a JSON object)");
        }
        if (!type.startsWith("application/json")) {
            return body;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", col " + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("expected a JSON object: the monitor, or {\"yaml\": \"...\"}");
        }
        if (node.size() == 1 && node.has("yaml")) {
            if (!node.get("yaml").isTextual()) {
                throw ApiException.badRequest("yaml: expected the definition as a string");
            }
            return node.get("yaml").asText();
        }
        try {
            return YAML.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("cannot write the monitor as YAML: " + e.getOriginalMessage());
        }
    }

    /** {@code ?version=N} or {@code If-Match: "N"}: the version the caller read; null when neither is given. */
    static Long versionOf(Context ctx) {
        String given = ctx.queryParam("version");
        if (given == null) {
            String match = ctx.header("If-Match");
            given = match == null ? null : match.replace("W/", "").replace("\"", "").strip();
        }
        if (given == null || given.isEmpty()) {
            return null;
        }
        try {
            long version = Long.parseLong(given);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("version: '" + given + "' is not a version number (1, 2, ...)");
        }
    }
}
