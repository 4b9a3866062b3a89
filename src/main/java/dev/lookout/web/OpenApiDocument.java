package dev.lookout.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.HandlerType;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the routes that carry an {@link ApiDoc}: the JSON API, the
 * Statuspage-compatible documents, the ping URLs, health, metrics, feeds and badges. The
 * console's and the status pages' HTML are not in it. Each GET is listed with the HEAD that
 * {@link WebServer} adds to it, and a GET readable by any origin with its preflight OPTIONS, so
 * that the document lists exactly the methods the router answers.
 */
final class OpenApiDocument {
    static final String PATH = "/api/v1/openapi.json";
    private static final Pattern PATH_PARAMETER = Pattern.compile("[{<]([^}>]+)[}>]");
    private static final String ERROR = "#/components/schemas/Error";

    private OpenApiDocument() {
    }

    /** The document as JSON. */
    static byte[] json(List<Route> routes, String version) {
        try {
            return Json31.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(of(routes, version));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a route as OpenAPI writes it: Javalin's {@code <rest>} (which may hold slashes) as {@code {rest}}. */
    static String openApiPath(String routePath) {
        return routePath.replace('<', '{').replace('>', '}');
    }

    static OpenAPI of(List<Route> routes, String version) {
        OpenAPI api = new OpenAPI(SpecVersion.V31).openapi("3.1.0")
                .info(new Info().title("Lookout API").version(version).description("""
                        Lookout's HTTP API. Errors are JSON, `{"error": "...", "status": N}`. Lists take `limit` \
                        and `cursor` (the `next` of the previous page) and answer with `next` and a \
                        `Link: <...>; rel="next"` header while there is more. Every GET also answers HEAD \
                        (headers only). Routes with a role take an API key as `Authorization: Bearer ...` or a \
                        console session (writes then need the `X-CSRF-Token` header). The console's and the \
                        status pages' HTML are not described here."""))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key (`lookout api-key create`), or the deprecated `server.admin_token`"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name(SessionCookie.SESSION)
                                .description("A console session; writes also need the `X-CSRF-Token` header"))
                        .addSecuritySchemes("probe", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A remote probe's token (`lookout probe-token create`) with its name in `X-Lookout-Probe`"))
                        .addSchemas("Error", object()
                                .addProperty("error", type("string").description("what went wrong, in words"))
                                .addProperty("status", type("integer").description("the HTTP status again"))
                                .required(List.of("error", "status"))));
        Paths paths = new Paths();
        Map<String, Route> gets = new LinkedHashMap<>();
        routes.stream().filter(r -> r.doc() != null && r.method() == HandlerType.GET).forEach(r -> gets.put(r.path(), r));
        Set<String> operationIds = new HashSet<>();
        for (Route route : routes) {
            if (route.doc() == null) {
                continue;
            }
            PathItem item = paths.computeIfAbsent(openApiPath(route.path()), p -> new PathItem());
            Operation operation;
            if (route.method() == HandlerType.HEAD && gets.containsKey(route.path())) {
                operation = head(gets.get(route.path()));
            } else if (route.method() == HandlerType.OPTIONS) {
                operation = preflight(route);
            } else {
                operation = operation(route);
            }
            operation.operationId(operationId(route, operationIds));
            item.operation(PathItem.HttpMethod.valueOf(route.method().name()), operation);
        }
        return api.paths(paths);
    }

    private static Operation operation(Route route) {
        ApiDoc doc = route.doc();
        Operation operation = new Operation().summary(doc.summary()).addTagsItem(tag(route.path()));
        String description = doc.description();
        if (route.role() != Role.PUBLIC) {
            operation.addExtension("x-lookout-role", route.role().name().toLowerCase(Locale.ROOT));
            description = (description.isEmpty() ? "" : description + "\n\n") + "Least role: "
                    + route.role().name().toLowerCase(Locale.ROOT) + ".";
            operation.security(route.role() == Role.PROBE ? List.of(new SecurityRequirement().addList("probe"))
                    : List.of(new SecurityRequirement().addList("bearer"), new SecurityRequirement().addList("session")));
        }
        if (!description.isEmpty()) {
            operation.description(description);
        }
        List<String> pathParameters = pathParameters(route.path());
        pathParameters.forEach(name -> operation.addParametersItem(pathParameter(name)));
        doc.query().forEach(p -> operation.addParametersItem(new Parameter().in("query").name(p.name())
                .description(p.description()).schema(type(p.number() ? "integer" : "string"))));
        if (doc.paging() != null) {
            operation.addParametersItem(new Parameter().in("query").name("limit")
                    .description("how many items at most (default " + doc.paging().defaultLimit() + ")")
                    .schema(type("integer").minimum(java.math.BigDecimal.ONE)
                            .maximum(java.math.BigDecimal.valueOf(doc.paging().max()))));
            operation.addParametersItem(new Parameter().in("query").name("cursor")
                    .description("the `next` of the previous page, for the page after it (older name: `before`)")
                    .schema(type("string")));
        }
        if (doc.body() != null) {
            operation.requestBody(new RequestBody().required(doc.bodyRequired()).content(new Content()
                    .addMediaType("application/json", new MediaType().schema(schemaOf(doc.body())))));
        }
        ApiResponses responses = new ApiResponses();
        Map<Integer, String> answers = new TreeMap<>(doc.answers());
        if (answers.keySet().stream().noneMatch(status -> status < 300)) {
            answers.put(200, doc.summary());
        }
        answers.forEach((status, what) -> responses.addApiResponse(String.valueOf(status), answer(status, what, doc)));
        boolean takesInput = doc.body() != null || !doc.query().isEmpty() || doc.paging() != null;
        if (takesInput) {
            error(responses, 400, "a query parameter or the body is not valid");
        }
        if (route.role() != Role.PUBLIC) {
            error(responses, 401, "no credentials, or unknown, expired or revoked ones");
            error(responses, 403, route.role() == Role.PROBE ? "another probe's token" : "a role weaker than the route's");
        }
        if (!pathParameters.isEmpty()) {
            error(responses, 404, "nothing has this " + String.join(", ", pathParameters));
        }
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        return operation.responses(sorted);
    }

    private static ApiResponse answer(int status, String what, ApiDoc doc) {
        ApiResponse response = new ApiResponse().description(what);
        if (status >= 400) {
            return response.content(errorContent());
        }
        if (status == 204 || status >= 300) {
            return response;
        }
        if (doc.paging() != null) {
            response.addHeaderObject("Link", new Header().description("`<address of the next page>; rel=\"next\"` while there is one")
                    .schema(type("string")));
        }
        Schema<?> schema = doc.contentType().startsWith("application/json") ? object() : type("string");
        return response.content(new Content().addMediaType(doc.contentType(), new MediaType().schema(schema)));
    }

    private static void error(ApiResponses responses, int status, String what) {
        responses.putIfAbsent(String.valueOf(status), new ApiResponse().description(what).content(errorContent()));
    }

    private static Content errorContent() {
        return new Content().addMediaType("application/json", new MediaType().schema(new JsonSchema().$ref(ERROR)));
    }

    private static Operation head(Route get) {
        Operation operation = operation(get);
        operation.summary("The headers of GET: " + get.doc().summary());
        operation.getResponses().values().forEach(response -> response.content(null));
        return operation;
    }

    private static Operation preflight(Route route) {
        Operation operation = new Operation().summary("The preflight of a browser's cross-origin GET").addTagsItem(tag(route.path()))
                .responses(new ApiResponses().addApiResponse("204", new ApiResponse()
                        .description("Access-Control-Allow-Origin: * and the methods allowed")));
        pathParameters(route.path()).forEach(name -> operation.addParametersItem(pathParameter(name)));
        return operation;
    }

    private static Parameter pathParameter(String name) {
        return new Parameter().in("path").name(name).required(true).schema(type("string"));
    }

    /** The path's first meaningful segment: {@code alerts} for {@code /api/v1/alerts/...}, {@code statuspage} for {@code /api/v2/...}. */
    private static String tag(String path) {
        List<String> segments = new ArrayList<>(List.of(path.replaceFirst("^/\\{page}", "").split("/")));
        segments.removeIf(String::isEmpty);
        if (segments.size() >= 2 && segments.get(0).equals("api") && segments.get(1).equals("v2")) {
            return "statuspage";
        }
        if (segments.size() >= 2 && segments.get(0).equals("api") && segments.get(1).equals("push")) {
            return "heartbeats";
        }
        if (segments.get(0).equals("ping")) {
            return "heartbeats";
        }
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            return segments.get(2);
        }
        return segments.isEmpty() ? "status" : segments.get(0);
    }

    private static String operationId(Route route, Set<String> taken) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String word : route.path().split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        String unique = id.toString();
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + "" + n;
        }
        return unique;
    }

    private static List<String> pathParameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The JSON Schema of a request body record: its components by their JSON names, none required (the handler says which). */
    private static Schema<?> schemaOf(Class<? extends Record> type) {
        Schema<?> schema = object().additionalProperties(false);
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty renamed = component.getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            schema.addProperty(name, schemaOf(component.getGenericType()));
        }
        return schema;
    }

    private static Schema<?> schemaOf(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return type("array").items(schemaOf(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return object().additionalProperties(schemaOf(arguments[1]));
            }
        }
        if (type == Instant.class) {
            return type("string").format("date-time");
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return type("integer");
        }
        if (type == double.class || type == Double.class) {
            return type("number");
        }
        if (type == boolean.class || type == Boolean.class) {
            return type("boolean");
        }
        return type("string");
    }

    private static Schema<?> object() {
        return type("object");
    }

    private static Schema<?> type(String name) {
        return new JsonSchema().types(new java.util.LinkedHashSet<>(List.of(name)));
    }
}
