package dev.lookout.check.http;

import static dev.lookout.check.http.HttpCheckTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpRedirectTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));

    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        redirect("/relative", 302, "final");
        redirect("/absolute", 301, base + "/relative");
        redirect("/loop", 302, "/loop");
        redirect("/form", 303, "/final");
        server.createContext("/final", exchange -> {
            byte[] body = ("arrived by " + exchange.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private void redirect(String path, int status, String location) {
        server.createContext(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void follows_absolute_and_relative_redirects() {
        Probe probe = run(HttpSettings.get(URI.create(base + "/absolute")));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(value(probe, "status")).contains(200L);
        assertThat(value(probe, "body")).contains("arrived by GET");
        assertThat(value(probe, "url")).contains(base + "/final");
    }

    @Test
    void turns_a_post_into_a_get_on_303() {
        Probe probe = run(HttpSettings.get(URI.create(base + "/form")).withRequest("POST", Map.of(), "a=1"));

        assertThat(value(probe, "body")).contains("arrived by GET");
    }

    @Test
    void reports_the_redirect_itself_when_not_following() {
        Probe probe = run(HttpSettings.get(URI.create(base + "/relative")).withRedirects(false, 5));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(value(probe, "status")).contains(302L);
        assertThat(value(probe, "header.location")).contains("final");
        assertThat(value(probe, "url")).contains(base + "/relative");
    }

    @Test
    void fails_after_too_many_redirects() {
        Probe probe = run(HttpSettings.get(URI.create(base + "/loop")).withRedirects(true, 3));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("too many redirects (more than 3)");
    }

    private static Probe run(HttpSettings settings) {
        return new HttpCheck(settings, NO_DNS).run(Deadline.after(Duration.ofSeconds(2)));
    }
}
