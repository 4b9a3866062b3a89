package dev.lookout.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.Dnsmasq;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook subscriber's host is resolved again at each delivery (a real dnsmasq answers), and the
 * request goes to the address that was checked: a name that passed at sign-up but now resolves to
 * this machine (DNS rebinding) gets nothing unless {@code subscriptions.allow_private_webhooks}.
 */
class WebhookAddressTest {
    @TempDir
    Path dir;
    private Dnsmasq dns;
    private final RecordingReceiver receiver = new RecordingReceiver();
    private SubscriberFixture f;

    @BeforeEach
    void start() throws Exception {
        dns = new Dnsmasq(); // hooks.lookout.test is 127.0.0.1, where the receiver listens
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        receiver.close();
        dns.close();
    }

    private String hookUrl() {
        return "http://hooks.lookout.test:" + receiver.url("/").getPort() + "/status";
    }

    private NotificationRecord incidentDelivery() throws Exception {
        f.incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Payments fail.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE));
        f.deliver();
        return f.notifications().stream().filter(n -> n.channelId().startsWith("subscriber:")).findFirst().orElseThrow();
    }

    @Test
    void a_name_that_resolves_to_this_machine_at_delivery_is_refused_and_nothing_is_sent() throws Exception {
        f = new SubscriberFixture(dir, 25, false, dns.address());
        f.subscriptions.addWebhook(hookUrl(), List.of()); // a name: nothing to refuse when it is added

        NotificationRecord row = incidentDelivery();

        assertThat(receiver.requests()).as("nothing reached the loopback receiver").isEmpty();
        assertThat(row.status()).isEqualTo("dead");
        assertThat(row.lastError()).contains("hooks.lookout.test resolves to 127.0.0.1, this machine or a private network",
                "subscriptions.allow_private_webhooks");
        assertThat(row.lastError()).as("no URL path (a webhook's secret) in the error").doesNotContain("/status");
    }

    @Test
    void an_allowed_private_name_is_posted_to_the_address_that_was_resolved_with_the_name_as_host() throws Exception {
        f = new SubscriberFixture(dir, 25, true, dns.address());
        f.subscriptions.addWebhook(hookUrl(), List.of());

        NotificationRecord row = incidentDelivery();

        assertThat(row.status()).as(String.valueOf(row.lastError())).isEqualTo("delivered");
        RecordingReceiver.Request request = receiver.single();
        assertThat(request.path()).isEqualTo("/status");
        assertThat(request.header("Host")).isEqualTo("hooks.lookout.test:" + receiver.url("/").getPort());
        assertThat(request.header("X-Lookout-Event")).isEqualTo("incident.created");
        assertThat(request.json().path("incident").path("name").asText()).isEqualTo("Checkout errors");
    }
}
