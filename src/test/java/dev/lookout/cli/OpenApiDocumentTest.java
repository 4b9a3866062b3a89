package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.web.Route;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document a real node serves at {@code /api/v1/openapi.json}: a real OpenAPI parser
 * reads it without a message, and it lists exactly the routes of the node's router that are
 * meant for programs (everything under {@code /api/} and {@code /ping/}), so that a route added
 * without a description fails here.
 */
class OpenApiDocumentTest {
    @TempDir
    Path dir;
    private RunningLookout lookout;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir);
    }

    @AfterEach
    void stop() {
        if (lookout != null) {
            lookout.close();
        }
    }

    @Test
    void an_openapi_parser_reads_the_served_document_as_openapi_3_1_without_a_message() throws Exception {
        HttpResponse<String> response = get("/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

        SwaggerParseResult parsed = parse(response.body());

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths().get("/api/v1/alerts").getGet().getSecurity())
                .as("a route with a role takes an API key or a session").hasSize(2);
        assertThat(parsed.getOpenAPI().getPaths().get("/api/v1/alerts").getGet().getExtensions())
                .containsEntry("x-lookout-role", "viewer");
        assertThat(parsed.getOpenAPI().getPaths().get("/api/v1/monitors").getGet().getSecurity()).isNull();
    }

    @Test
    void every_api_and_ping_route_of_the_router_is_in_the_document_and_the_document_lists_no_other() throws Exception {
        OpenAPI document = parse(get("/api/v1/openapi.json").body()).getOpenAPI();
        Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method.name() + " " + path)));
        Set<String> router = lookout.routes().stream().map(r -> r.method().name() + " " + openApiPath(r.path()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> mustBeDocumented = lookout.routes().stream().filter(OpenApiDocumentTest::forPrograms)
                .map(r -> r.method().name() + " " + openApiPath(r.path())).collect(Collectors.toCollection(TreeSet::new));

        Set<String> undocumented = new TreeSet<>(mustBeDocumented);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("""
                routes of the router missing from /api/v1/openapi.json: where each is declared, add
                  .documented(ApiDoc.of("what it does")) with its .query(...), .body(TheRecord.class), .paged(LIMITS)
                  and its other .answers(status, "when"), as the routes of AlertApi do (dev.lookout.web.ApiDoc)""")
                .isEmpty();
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(router);
        assertThat(unknown).as("operations in the document that the router does not answer").isEmpty();
        assertThat(documented).contains("GET /api/v1/openapi.json", "POST /api/v1/incidents", "GET /ping/{segments}",
                "HEAD /api/v1/monitors", "GET /api/v2/summary.json", "GET /healthz");
    }

    @Test
    void the_document_leaves_out_the_console_and_the_status_pages_html() throws Exception {
        OpenAPI document = parse(get("/api/v1/openapi.json").body()).getOpenAPI();

        assertThat(document.getPaths().keySet()).doesNotContain("/", "/console", "/login", "/console/alerts")
                .allSatisfy(path -> assertThat(path).doesNotStartWith("/console"));
    }

    /** The routes scripts and programs call: the JSON API and the ping URLs, with or without a status page's prefix. */
    private static boolean forPrograms(Route route) {
        String path = route.path().replaceFirst("^/\\{page}", "");
        return path.startsWith("/api/") || path.startsWith("/ping/");
    }

    private static String openApiPath(String routePath) {
        return routePath.replace('<', '{').replace('>', '}');
    }

    private static SwaggerParseResult parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(json, null, options);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(lookout.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
