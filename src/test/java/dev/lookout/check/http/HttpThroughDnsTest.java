package dev.lookout.check.http;

import static dev.lookout.check.http.HttpCheckTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Dnsmasq;
import dev.lookout.check.Probe;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Names resolved by a real DNS server (dnsmasq), as in production. */
class HttpThroughDnsTest {
    private Dnsmasq dns;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        dns = new Dnsmasq();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        dns.close();
    }

    @Test
    void reaches_a_server_by_name_through_the_configured_dns_server() {
        AddressResolver resolver = new AddressResolver(List.of(dns.address()));
        URI url = URI.create("http://lookout.test:" + server.getAddress().getPort() + "/");

        Probe probe = new HttpCheck(HttpSettings.get(url), resolver).run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(value(probe, "status")).contains(200L);
        assertThat(value(probe, "timing.dns")).get().isInstanceOf(Duration.class);
        assertThat(probe.timings().connectMicros()).isGreaterThanOrEqualTo(probe.timings().dnsMicros());
    }

    @Test
    void fails_with_no_such_host_on_nxdomain() {
        AddressResolver resolver = new AddressResolver(List.of(dns.address()));

        Probe probe = new HttpCheck(HttpSettings.get(URI.create("http://nx.test/")), resolver)
                .run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("no such host: nx.test");
    }
}
