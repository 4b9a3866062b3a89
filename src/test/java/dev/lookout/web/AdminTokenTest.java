package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admin routes take the deprecated server.admin_token as an admin key; bodies that do not parse are 400s that name the field. */
class AdminTokenTest {
    private static final String TOKEN = "0123456789abcdef-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private WebServer web;

    record Echo(String name, int count) {
    }

    private void start(String token) {
        RouteGroup group = () -> List.of(Route.of(HandlerType.POST, "/api/v1/echo", Role.ADMIN,
                ctx -> ctx.json(JsonBody.read(ctx, Echo.class))));
        web = new WebServer(null, new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "T",
                dev.lookout.heartbeat.PingIngest.NONE, token, List.of(group)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/v1/echo"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_right_token_passes_and_a_missing_or_wrong_one_is_401() throws Exception {
        start(TOKEN);
        var ok = post("{\"name\":\"x\",\"count\":2}", Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"name\":\"x\",\"count\":2}");

        var missing = post("{}", Map.of());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("missing admin token or API key");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        var wrong = post("{}", Map.of("Authorization", "Bearer " + TOKEN + "x"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"wrong admin token or unknown, expired or revoked API key\",\"status\":401}");
    }

    @Test
    void without_a_configured_token_no_bearer_token_passes() throws Exception {
        start(null);
        var response = post("{}", Map.of("Authorization", "Bearer anything-at-all-here"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("wrong admin token or unknown, expired or revoked API key");
    }

    @Test
    void a_bad_body_is_a_400_naming_the_field_and_position() throws Exception {
        start(TOKEN);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
        assertThat(post("{\"name\":\"x\",\"count\":1,\"cuont\":2}", auth).body())
                .isEqualTo("{\"error\":\"unknown field 'cuont' at line 1, col 32 (known: count, name)\",\"status\":400}");
        assertThat(post("{\"name\":\"x\"}", auth).body()).startsWith("{\"error\":\"field 'count': is required");
        var wrongType = post("{\"name\":\"x\",\"count\":\"many\"}", auth);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("field 'count'");
        var broken = post("{\"name\":", auth);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("invalid JSON");
        assertThat(post("", auth).body()).contains("expected a JSON object");
    }
}
