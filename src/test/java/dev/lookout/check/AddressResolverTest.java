package dev.lookout.check;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressResolverTest {

    @Test
    void resolves_a_name_through_a_real_dns_server() throws Exception {
        try (Dnsmasq dns = new Dnsmasq()) {
            AddressResolver resolver = new AddressResolver(List.of(dns.address()));

            List<InetAddress> addresses = resolver.resolve("lookout.test", Deadline.after(Duration.ofSeconds(2)));

            assertThat(addresses).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        }
    }

    @Test
    void reports_no_such_host_for_nxdomain() throws Exception {
        try (Dnsmasq dns = new Dnsmasq()) {
            AddressResolver resolver = new AddressResolver(List.of(dns.address()));

            assertThatThrownBy(() -> resolver.resolve("nx.test", Deadline.after(Duration.ofSeconds(2))))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessage("no such host: nx.test");
        }
    }

    @Test
    void times_out_in_phase_dns_when_the_dns_server_never_answers() throws Exception {
        try (SilentDnsServer dns = new SilentDnsServer()) {
            AddressResolver resolver = new AddressResolver(List.of(dns.address()));
            Duration timeout = Duration.ofSeconds(1);

            long start = System.nanoTime();
            assertThatThrownBy(() -> resolver.resolve("nonexistent.test", Deadline.after(timeout)))
                    .isInstanceOf(DeadlineExceededException.class)
                    .extracting(e -> ((DeadlineExceededException) e).phase()).isEqualTo("dns");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    @Test
    void ip_literals_and_localhost_need_no_dns() throws Exception {
        try (SilentDnsServer dns = new SilentDnsServer()) {
            AddressResolver resolver = new AddressResolver(List.of(dns.address()));
            Deadline deadline = Deadline.after(Duration.ofSeconds(1));

            assertThat(resolver.resolve("192.0.2.7", deadline)).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.7");
            assertThat(resolver.resolve("[::1]", deadline)).extracting(InetAddress::getHostAddress).containsExactly("0:0:0:0:0:0:0:1");
            assertThat(resolver.resolve("localhost", deadline)).first().extracting(InetAddress::getHostAddress).isEqualTo("127.0.0.1");
            assertThat(deadline.remainingNanos()).isGreaterThan(Duration.ofMillis(800).toNanos());
        }
    }

    @Test
    void answers_names_in_the_hosts_file_without_dns(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n10.1.2.3 db.internal.example db\n");
        try (SilentDnsServer dns = new SilentDnsServer()) {
            AddressResolver resolver = new AddressResolver(List.of(dns.address()), hosts);
            Deadline deadline = Deadline.after(Duration.ofSeconds(1));

            assertThat(resolver.resolve("db.internal.example", deadline)).extracting(InetAddress::getHostAddress)
                    .containsExactly("10.1.2.3");
            assertThat(deadline.remainingNanos()).isGreaterThan(Duration.ofMillis(800).toNanos());
        }
    }

    @Test
    void rejects_a_dns_server_that_is_not_an_ip_address() {
        assertThatThrownBy(() -> new AddressResolver(List.of("dns.example:53")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address");
    }
}
