package dev.lookout.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Sign-ups per client address and confirmation mails in all, per clock hour (issue 15, item 6). */
class SignUpLimitsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:45:00Z"));
    private final SignUpLimits limits = new SignUpLimits(now::get);

    @Test
    void one_client_gets_its_share_per_hour_others_theirs_and_the_hour_starts_over() {
        for (int i = 0; i < 3; i++) {
            limits.signUp("203.0.113.5", 3);
        }
        assertThatThrownBy(() -> limits.signUp("203.0.113.5", 3)).isInstanceOfSatisfying(SubscriptionException.class, e -> {
            assertThat(e.reason()).isEqualTo(SubscriptionException.Reason.LIMITED);
            assertThat(e.getMessage()).isEqualTo("too many sign-ups from your address this hour; try again in 15 min");
            assertThat(e.retryAfterSeconds()).isEqualTo(15 * 60);
        });
        limits.signUp("198.51.100.7", 3); // another client
        now.set(Instant.parse("2026-12-07T11:00:00Z"));
        limits.signUp("203.0.113.5", 3);
        assertThat(limits.since()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
    }

    @Test
    void confirmation_mails_are_bounded_per_hour_in_all() {
        limits.confirmationMail(2);
        limits.confirmationMail(2);
        assertThatThrownBy(() -> limits.confirmationMail(2)).isInstanceOfSatisfying(SubscriptionException.class,
                e -> assertThat(e.getMessage()).startsWith("too many sign-ups on this status page right now; try again in"));
        now.set(Instant.parse("2026-12-07T11:00:01Z"));
        limits.confirmationMail(2);
    }

    @Test
    void webhooks_to_this_machine_or_a_private_network_are_refused_unless_allowed() {
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "https://192.168.0.10/x", "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                "http://[fd00::1]/", "http://100.64.1.1/", "http://0.0.0.0/", "http://metadata.google.internal/"}) {
            assertThatThrownBy(() -> Subscriptions.refusePrivate(url)).as(url).isInstanceOfSatisfying(SubscriptionException.class,
                    e -> assertThat(e.getMessage()).endsWith("points at this machine or a private network; an admin may allow"
                            + " that with subscriptions.allow_private_webhooks"));
        }
        Subscriptions.refusePrivate("https://hooks.example.com/status");
        Subscriptions.refusePrivate("https://203.0.113.9/status");
        Subscriptions.refusePrivate("https://[2001:db8::1]/status");
    }
}
