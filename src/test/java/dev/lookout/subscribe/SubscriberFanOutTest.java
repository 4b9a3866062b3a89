package dev.lookout.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentStatus;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents and maintenances reach the subscribers they concern through the outbox: mails to a
 * real SMTP server (GreenMail), webhooks to a local HTTP receiver.
 */
class SubscriberFanOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    private SubscriberFixture f;
    private final RecordingReceiver receiver = new RecordingReceiver();

    @BeforeEach
    void open() throws Exception {
        f = new SubscriberFixture(dir, smtp.getSmtp().getPort());
    }

    @AfterEach
    void close() {
        f.close();
        receiver.close();
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String part(MimeMessage mail, int index) throws Exception {
        return ((String) ((MimeMultipart) mail.getContent()).getBodyPart(index).getContent()).replace("\r\n", "\n");
    }

    private String lastTextTo(String address) throws Exception {
        return part(mailsTo(address).getLast(), 0);
    }

    private Subscriber confirmed(String email, List<String> components) throws Exception {
        return f.confirmedEmail(email, components, this::lastTextTo);
    }

    private long checkoutErrors() {
        return f.incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Payments <fail> for some users.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE)).id();
    }

    @Test
    void an_incident_update_reaches_a_confirmed_subscriber_by_mail_with_the_unsubscribe_link_and_header() throws Exception {
        Subscriber ada = confirmed("ada@example.com", List.of("web"));
        long id = checkoutErrors();
        f.clock.advance(Duration.ofMinutes(5));
        f.incidents.update(id, IncidentStatus.IDENTIFIED, "We found the cause: a **full** disk.", Map.of(), null);
        f.deliver();

        List<MimeMessage> mails = mailsTo("ada@example.com");
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactly("Confirm your subscription to status updates",
                "Checkout errors: Investigating", "Checkout errors: Identified");
        MimeMessage mail = mails.getLast();
        String unsubscribe = "https://status.example.com/unsubscribe/" + f.tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, ada.id());
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Example status <status@example.com>");
        assertThat(mail.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(part(mail, 0)).isEqualTo("""
                Checkout errors: Identified
                Status: Identified
                Impact: major
                Affected: Web Shop (partial outage)

                We found the cause: a **full** disk.

                Posted 2026-03-10 12:05 UTC. View the incident: https://status.example.com/incidents/%d

                --\s
                You receive this because you subscribed to status updates from https://status.example.com, about Web Shop.
                Unsubscribe: %s
                """.formatted(id, unsubscribe));
        assertThat(part(mail, 1)).isEqualTo("""
                <!DOCTYPE html>
                <html><body style="font-family: sans-serif">
                <h2>Checkout errors: Identified</h2>
                <p><b>Status:</b> Identified<br>
                <b>Impact:</b> major<br>
                <b>Affected:</b> Web Shop (partial outage)</p>
                <p>We found the cause: a <strong>full</strong> disk.</p>
                <p>Posted 2026-03-10 12:05 UTC · <a href="https://status.example.com/incidents/%d">View the incident</a></p>
                <hr>
                <p style="font-size: small; color: #555">You receive this because you subscribed to status updates from \
                https://status.example.com, about Web Shop.<br>
                <a href="%s">Unsubscribe</a></p>
                </body></html>
                """.formatted(id, unsubscribe));
        assertThat(part(mails.get(1), 1)).as("the operator's text is sanitised HTML, never markup of its own")
                .contains("<p>Payments &lt;fail&gt; for some users.</p>");

        assertThat(f.subscriptions.unsubscribe(unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1)))
                .isEqualTo(Subscriptions.Outcome.DONE);
        f.incidents.resolve(id, null, Map.of());
        f.deliver();
        assertThat(mailsTo("ada@example.com")).as("nothing after unsubscribing").hasSize(3);
    }

    @Test
    void an_unconfirmed_subscriber_and_one_of_other_components_get_nothing_but_the_confirmation() throws Exception {
        confirmed("ada@example.com", List.of());
        confirmed("dba@example.com", List.of("db", "api"));
        f.subscriptions.subscribeByEmail("Bob@Example.com", List.of("web"));
        f.deliver();

        checkoutErrors();
        f.deliver();

        assertThat(mailsTo("ada@example.com")).extracting(MimeMessage::getSubject)
                .containsExactly("Confirm your subscription to status updates", "Checkout errors: Investigating");
        assertThat(mailsTo("dba@example.com")).extracting(MimeMessage::getSubject)
                .containsExactly("Confirm your subscription to status updates");
        assertThat(mailsTo("bob@example.com")).as("lower-cased, and only the opt-in").extracting(MimeMessage::getSubject)
                .containsExactly("Confirm your subscription to status updates");
        assertThat(f.notifications()).filteredOn(n -> !n.kind().equals("SUBSCRIPTION_CONFIRMATION"))
                .extracting(NotificationRecord::channelId).containsExactly("subscriber:1");
    }

    @Test
    void a_webhook_subscriber_gets_the_documented_json_signed_like_the_webhook_channel() throws Exception {
        Subscriber hook = f.subscriptions.addWebhook(receiver.url("/status").toString(), List.of("web")).subscriber();
        long id = checkoutErrors();
        f.clock.advance(Duration.ofMinutes(5));
        f.incidents.update(id, IncidentStatus.IDENTIFIED, "A **full** disk.", Map.of("api", AffectedStatus.DEGRADED_PERFORMANCE),
                null);
        f.deliver();

        assertThat(receiver.requests()).hasSize(2);
        RecordingReceiver.Request request = receiver.requests().stream()
                .filter(r -> r.header("X-Lookout-Event").equals("incident.updated")).findFirst().orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/status");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        String expected = JSON.writeValueAsString(JSON.readTree("""
                {
                  "event": "incident.updated",
                  "incident": {
                    "id": %d,
                    "name": "Checkout errors",
                    "status": "identified",
                    "impact": "major",
                    "url": "https://status.example.com/incidents/%d",
                    "created_at": "2026-03-10T12:00:00Z",
                    "updated_at": "2026-03-10T12:05:00Z",
                    "resolved_at": null
                  },
                  "update": {
                    "status": "identified",
                    "body": "A **full** disk.",
                    "body_html": "<p>A <strong>full</strong> disk.</p>\\n",
                    "created_at": "2026-03-10T12:05:00Z"
                  },
                  "components": [
                    { "id": "web", "name": "Web Shop", "status": "partial_outage" },
                    { "id": "api", "name": "API", "status": "degraded_performance" }
                  ]
                }
                """.formatted(id, id)));
        assertThat(request.text()).isEqualTo(expected);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SubscriberFixture.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(request.header("X-Lookout-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())));
        NotificationRecord row = f.notifications().stream().filter(n -> n.dedupKey().endsWith("/update/2")).findFirst().orElseThrow();
        assertThat(request.header("X-Lookout-Delivery")).isEqualTo(row.deliveryId());
        assertThat(row.dedupKey()).isEqualTo("sub/" + hook.id() + "/incident/" + id + "/update/2");
        assertThat(row.status()).isEqualTo("delivered");
    }

    @Test
    void running_the_fan_out_again_even_after_a_restart_writes_nothing_twice() throws Exception {
        Subscriber ada = confirmed("ada@example.com", List.of());
        Subscriber hook = f.subscriptions.addWebhook(receiver.url("/").toString(), List.of()).subscriber();
        long id = checkoutErrors();
        f.clock.advance(Duration.ofMinutes(5));
        f.incidents.update(id, IncidentStatus.MONITORING, "A fix is out.", Map.of(), null);
        f.incidents.resolve(id, null, Map.of());
        List<String> keys = f.keys();
        assertThat(keys).contains("sub/" + ada.id() + "/incident/" + id + "/update/1",
                "sub/" + ada.id() + "/incident/" + id + "/update/2", "sub/" + ada.id() + "/incident/" + id + "/update/3",
                "sub/" + hook.id() + "/incident/" + id + "/update/3");
        assertThat(f.notifications()).filteredOn(n -> n.dedupKey().endsWith("/update/3"))
                .extracting(NotificationRecord::kind).containsOnly("INCIDENT_RESOLVED");

        var incident = f.incidents.get(id);
        f.fanOut.incidentChanged(incident, incident.updates());
        SubscriberFanOut afterRestart = new SubscriberFanOut(f.store.subscribers(), f.store.outbox(), () -> f.config, f.clock);
        assertThat(afterRestart.catchUp(List.of(incident), f.maintenances.recent(), SubscriberFixture.START))
                .as("offered again").isEqualTo(6);

        assertThat(f.keys()).isEqualTo(keys);
        f.deliver();
        f.deliver();
        assertThat(mailsTo("ada@example.com")).hasSize(4);
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void catching_up_writes_what_a_crash_lost_but_tells_no_one_of_updates_made_before_they_confirmed() throws Exception {
        Subscriber early = confirmed("early@example.com", List.of());
        // The update is stored, then the node dies before the fan-out: an Incidents nobody listens to.
        var unheard = new dev.lookout.incident.Incidents(f.store.incidents(), () -> List.of("web", "api", "db"), f.clock);
        long id = unheard.open("Slow search", IncidentStatus.INVESTIGATING, Impact.MINOR, "Looking into it.", Map.of()).id();
        f.clock.advance(Duration.ofMinutes(1));
        Subscriber late = confirmed("late@example.com", List.of());
        assertThat(f.keys()).noneMatch(k -> k.contains("/incident/"));

        int offered = new SubscriberFanOut(f.store.subscribers(), f.store.outbox(), () -> f.config, f.clock)
                .catchUp(List.of(f.incidents.get(id)), List.of(), SubscriberFixture.START);
        f.deliver();

        assertThat(offered).isEqualTo(1);
        assertThat(f.keys()).filteredOn(k -> k.contains("/incident/")).containsExactly("sub/" + early.id() + "/incident/" + id
                + "/update/1");
        assertThat(mailsTo("early@example.com")).extracting(MimeMessage::getSubject).endsWith("Slow search: Investigating");
        assertThat(mailsTo("late@example.com")).as("confirmed after the update").hasSize(1);
        assertThat(late.confirmedAt()).isAfter(f.incidents.get(id).updates().getFirst().createdAt());
    }

    @Test
    void a_maintenance_start_and_end_reach_the_subscribers_of_its_components() throws Exception {
        confirmed("dba@example.com", List.of("db"));
        confirmed("web@example.com", List.of("web"));
        Instant from = SubscriberFixture.START.plus(Duration.ofHours(1));
        long id = f.maintenances.schedule("Database upgrade", "Writes pause for a few minutes.", from,
                from.plus(Duration.ofHours(1)), List.of("db")).id();
        f.deliver();
        assertThat(mailsTo("dba@example.com")).as("an announcement is not a start").hasSize(1);

        f.clock.advanceTo(from);
        f.maintenances.tick(from);
        f.deliver();
        f.maintenances.update(id, null, "Halfway.");
        f.clock.advanceTo(from.plus(Duration.ofMinutes(20)));
        f.maintenances.update(id, dev.lookout.incident.MaintenanceStatus.COMPLETED, "");
        f.deliver();

        assertThat(mailsTo("dba@example.com")).extracting(MimeMessage::getSubject).containsExactly(
                "Confirm your subscription to status updates", "Maintenance started: Database upgrade",
                "Maintenance completed: Database upgrade");
        assertThat(part(mailsTo("dba@example.com").get(1), 0)).startsWith("""
                Maintenance started: Database upgrade
                Status: In progress
                Scheduled: 2026-03-10 13:00 UTC to 2026-03-10 14:00 UTC
                Affected: Database (under maintenance)

                Scheduled maintenance is currently in progress. We will provide updates as necessary.
                """);
        assertThat(mailsTo("web@example.com")).hasSize(1);
        assertThat(f.keys()).filteredOn(k -> k.contains("/maintenance/"))
                .containsExactly("sub/1/maintenance/" + id + "/started", "sub/1/maintenance/" + id + "/completed");
    }

    @Test
    void a_window_the_timer_passes_entirely_is_announced_once_completed() throws Exception {
        confirmed("dba@example.com", List.of());
        Instant from = SubscriberFixture.START.plus(Duration.ofHours(1));
        f.maintenances.schedule("Reindex", "Search is slow.", from, from.plus(Duration.ofMinutes(10)), List.of("api"));
        f.clock.advanceTo(from.plus(Duration.ofHours(1)));
        f.maintenances.tick(f.clock.instant());
        f.deliver();

        assertThat(mailsTo("dba@example.com")).extracting(MimeMessage::getSubject).containsExactly(
                "Confirm your subscription to status updates", "Maintenance completed: Reindex");
    }

    @Test
    void a_notice_for_an_unconfirmed_or_gone_subscriber_is_never_sent_even_when_one_is_in_the_outbox() throws Exception {
        f.subscriptions.subscribeByEmail("pending@example.com", List.of());
        Subscriber gone = confirmed("gone@example.com", List.of());
        long pending = f.store.subscribers().active().getFirst().id();
        f.store.subscribers().unsubscribe(gone.id(), f.clock.instant());
        Instant now = f.clock.instant();
        f.store.outbox().write(new dev.lookout.alert.AlertWrites(List.of(), List.of(
                new dev.lookout.alert.OutboxEntry("forged/1", null, "subscriber:" + pending, "INCIDENT_CREATED", "{}", false, now, now),
                new dev.lookout.alert.OutboxEntry("forged/2", null, "subscriber:" + gone.id(), "INCIDENT_CREATED", "{}", false, now,
                        now))));
        int mails = smtp.getReceivedMessages().length;

        f.deliver();

        assertThat(smtp.getReceivedMessages()).hasSize(mails);
        assertThat(f.notifications()).filteredOn(n -> n.dedupKey().startsWith("forged/"))
                .extracting(NotificationRecord::status, NotificationRecord::lastError).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dead", "subscriber " + pending
                                + " has not confirmed: only the confirmation mail may go to it"),
                        org.assertj.core.groups.Tuple.tuple("dead", "subscriber " + gone.id() + " has unsubscribed or was deleted"));
    }

    @Test
    void one_client_signing_up_address_after_address_is_stopped_and_unconfirmed_sign_ups_expire() throws Exception {
        int limit = f.config.subscriptions().maxPerAddress();
        for (int i = 0; i < limit; i++) {
            f.subscriptions.subscribeByEmail("victim" + i + "@example.com", List.of(), "203.0.113.5");
        }
        assertThatThrownBy(() -> f.subscriptions.subscribeByEmail("one-more@example.com", List.of(), "203.0.113.5"))
                .isInstanceOfSatisfying(SubscriptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(SubscriptionException.Reason.LIMITED));
        assertThat(f.subscriptions.list()).as("nothing stored for the refused one").hasSize(limit);
        f.subscriptions.subscribeByEmail("neighbour@example.com", List.of(), "198.51.100.7");

        f.clock.advance(java.time.Duration.ofHours(47));
        f.subscriptions.subscribeByEmail("late@example.com", List.of(), "198.51.100.7");
        f.clock.advance(java.time.Duration.ofHours(2));
        assertThat(f.subscriptions.purgeUnconfirmed()).as("those older than 48 h").isEqualTo(limit + 1);
        assertThat(f.subscriptions.list()).extracting(Subscriber::address).containsExactly("late@example.com");
    }
}
