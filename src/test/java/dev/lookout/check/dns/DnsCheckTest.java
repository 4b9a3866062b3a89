package dev.lookout.check.dns;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckRunner;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Deadline;
import dev.lookout.check.Dnsmasq;
import dev.lookout.check.Outcome;
import dev.lookout.check.Probe;
import dev.lookout.check.SilentDnsServer;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.MonitorConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** DNS checks against a real dnsmasq serving each record type it can. */
class DnsCheckTest {
    /** Six of these make a TXT record too long for a UDP answer (dnsmasq caps EDNS at 1232 bytes): it comes truncated. */
    private static final String LONG_TEXT = "x".repeat(250);

    private static Dnsmasq dns;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dns = new Dnsmasq(List.of(
                "--host-record=multi.test,10.0.0.1,300", "--host-record=multi.test,10.0.0.2,60",
                "--host-record=v6.test,2001:db8::1",
                "--mx-host=mail.test,mx1.mail.test,10",
                "--txt-record=txt.test,v=spf1 ,-all",
                "--txt-record=long.test," + String.join(",", java.util.Collections.nCopies(6, LONG_TEXT)),
                "--srv-host=_sip._tcp.srv.test,sip.srv.test,5060,0,5",
                "--cname=alias.test,multi.test",
                "--caa-record=caa.test,0,issue,letsencrypt.org",
                // NS has no dnsmasq option of its own: the raw record, rdata "ns1.test." in wire format.
                "--dns-rr=ns.test,2,036e7331047465737400"));
    }

    @AfterAll
    static void stopDnsmasq() {
        dns.close();
    }

    @Test
    void answers_a_records_with_every_address_and_the_smallest_ttl() {
        Probe probe = run(settings("multi.test", "A"), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(value(probe, "dns.rcode")).contains("NOERROR");
        assertThat(value(probe, "dns.answers")).get().asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(value(probe, "dns.answer")).get().isIn("10.0.0.1", "10.0.0.2");
        assertThat(value(probe, "dns.count")).contains(2L);
        assertThat(value(probe, "dns.ttl")).contains(60L);
        assertThat(value(probe, "latency")).get().isInstanceOf(Duration.class);
        assertThat(probe.timings().dnsMicros()).isPositive();
    }

    @Test
    void answers_aaaa_records_in_short_form() {
        Probe probe = run(settings("v6.test", "AAAA"), Duration.ofSeconds(2));

        assertThat(value(probe, "dns.answers")).contains(List.of("2001:db8::1"));
    }

    @Test
    void answers_mx_txt_srv_cname_caa_and_ns_records_in_presentation_form() {
        assertThat(value(run(settings("mail.test", "MX"), Duration.ofSeconds(2)), "dns.answer")).contains("10 mx1.mail.test.");
        assertThat(value(run(settings("txt.test", "TXT"), Duration.ofSeconds(2)), "dns.answer")).contains("v=spf1 -all");
        assertThat(value(run(settings("_sip._tcp.srv.test", "SRV"), Duration.ofSeconds(2)), "dns.answer"))
                .contains("0 5 5060 sip.srv.test.");
        assertThat(value(run(settings("alias.test", "CNAME"), Duration.ofSeconds(2)), "dns.answer")).contains("multi.test.");
        assertThat(value(run(settings("caa.test", "CAA"), Duration.ofSeconds(2)), "dns.answer"))
                .contains("0 issue \"letsencrypt.org\"");
        assertThat(value(run(settings("ns.test", "NS"), Duration.ofSeconds(2)), "dns.answer")).contains("ns1.test.");
    }

    @Test
    void an_a_query_for_an_alias_answers_the_addresses_without_the_cname() {
        Probe probe = run(settings("alias.test", "A"), Duration.ofSeconds(2));

        assertThat(value(probe, "dns.answers")).get().asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
    }

    @Test
    void retries_over_tcp_when_the_udp_answer_is_truncated() {
        Probe probe = run(settings("long.test", "TXT"), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(value(probe, "dns.answer")).contains(LONG_TEXT.repeat(6));
    }

    @Test
    void queries_over_tcp_when_asked_to() {
        Probe probe = run(new DnsSettings("multi.test", "A", AddressResolver.parseServer(dns.address()), true),
                Duration.ofSeconds(2));

        assertThat(value(probe, "dns.count")).contains(2L);
    }

    @Test
    void udp_queries_still_work_after_a_tcp_query() {
        run(new DnsSettings("multi.test", "A", AddressResolver.parseServer(dns.address()), true), Duration.ofSeconds(2));

        Probe probe = run(settings("mail.test", "MX"), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
    }

    @Test
    void nxdomain_is_an_answer_that_conditions_judge() {
        Probe probe = run(settings("nx.test", "A"), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.message()).isEqualTo("NXDOMAIN, no A records");
        assertThat(value(probe, "dns.rcode")).contains("NXDOMAIN");
        assertThat(value(probe, "dns.count")).contains(0L);
        assertThat(value(probe, "dns.answer")).isEmpty();
        assertThat(value(probe, "dns.ttl")).isEmpty();
    }

    @Test
    void uses_the_configured_dns_servers_when_the_monitor_names_none() {
        Probe probe = new DnsCheck(new DnsSettings("multi.test", "A", null, false), new AddressResolver(List.of(dns.address())))
                .run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(value(probe, "dns.count")).contains(2L);
    }

    @Test
    void times_out_when_dns_server_never_answers() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (SilentDnsServer silent = new SilentDnsServer()) {
            long start = System.nanoTime();
            Probe probe = new DnsCheck(new DnsSettings("multi.test", "A", AddressResolver.parseServer(silent.address()), false),
                    new AddressResolver(List.of())).run(Deadline.after(timeout));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during dns");
            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    @Test
    void conditions_read_the_answers_and_nxdomain_fails_unless_a_condition_on_the_rcode_expects_it() throws Exception {
        assertThat(verdict("name: multi.test", "\"dns.answers contains 10.0.0.2\"", "\"dns.count == 2\"", "\"dns.ttl >= 60\"",
                "\"dns.answer matches /^10\\\\.0\\\\.0\\\\.[12]$/\"").outcome()).isEqualTo(Outcome.OK);
        assertThat(verdict("name: multi.test", "\"dns.answers contains 10.0.0.9\"").outcome()).isEqualTo(Outcome.FAILED);
        CheckResult nx = verdict("name: nx.test");
        assertThat(nx.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(nx.message()).isEqualTo("dns.rcode == NOERROR failed (actual: NXDOMAIN)");
        assertThat(verdict("name: nx.test", "\"dns.rcode == NXDOMAIN\"").outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void rejects_unknown_record_types_and_servers_that_are_not_addresses_at_load() {
        String yaml = "monitors:\n  - id: d\n    type: dns\n    name: example.com\n    record_type: PTR\n    server: dns.example\n";

        assertThatThrownBy(() -> new ConfigLoader(CheckTypes.standard(), Map.of()).parse("test.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("monitors[0].record_type")
                .hasMessageContaining("monitors[0].server");
    }

    private static CheckResult verdict(String keys, String... conditions) throws ConfigException {
        String yaml = "monitors:\n  - id: d\n    type: dns\n    " + keys + "\n    server: \"" + dns.address() + "\"\n    timeout: 2s\n"
                + (conditions.length == 0 ? "" : "    conditions: [ " + String.join(", ", conditions) + " ]\n");
        CheckTypes types = CheckTypes.standard();
        MonitorConfig monitor = new ConfigLoader(types, Map.of()).parse("test.yaml", yaml).monitors().get(0);
        return new CheckRunner(InstantSource.system()).run(monitor, types.create(monitor,
                new CheckContext(new AddressResolver(List.of("127.0.0.1:9")))));
    }

    @Test
    void formats_soa_ns_and_caa_records_like_dig() throws Exception {
        Name zone = Name.fromString("example.com.");
        SOARecord soa = new SOARecord(zone, DClass.IN, 3600, Name.fromString("ns1.example.com."),
                Name.fromString("hostmaster.example.com."), 2024010101L, 7200, 900, 1209600, 300);
        assertThat(DnsCheck.presentation(soa)).isEqualTo("ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300");
        assertThat(DnsCheck.presentation(new NSRecord(zone, DClass.IN, 3600, Name.fromString("ns2.example.com."))))
                .isEqualTo("ns2.example.com.");
        assertThat(DnsCheck.presentation(new CAARecord(zone, DClass.IN, 3600, 128, "iodef", "mailto:security@example.com")))
                .isEqualTo("128 iodef \"mailto:security@example.com\"");
    }

    @Test
    void writes_ipv6_addresses_in_the_short_form_of_rfc_5952() throws Exception {
        assertThat(DnsCheck.ipv6(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(DnsCheck.ipv6(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(DnsCheck.ipv6(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(DnsCheck.ipv6(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(DnsCheck.ipv6(InetAddress.getByName("fe80::"))).isEqualTo("fe80::");
    }

    private static DnsSettings settings(String name, String type) {
        return new DnsSettings(name, type, AddressResolver.parseServer(dns.address()), false);
    }

    private static Probe run(DnsSettings settings, Duration timeout) {
        return new DnsCheck(settings, new AddressResolver(List.of("127.0.0.1:9"))).run(Deadline.after(timeout));
    }

    private static Optional<Object> value(Probe probe, String placeholder) {
        return probe.observation().value(placeholder);
    }
}
