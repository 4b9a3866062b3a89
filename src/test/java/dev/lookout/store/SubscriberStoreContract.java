package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.AlertWrites;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.Outbox;
import dev.lookout.alert.OutboxEntry;
import dev.lookout.subscribe.Subscriber;
import dev.lookout.subscribe.SubscriberKind;
import dev.lookout.subscribe.Subscribers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with subscribers, whatever the database; mixed into
 * {@link StoreContract}, so that it runs on SQLite and on PostgreSQL.
 */
interface SubscriberStoreContract {
    Instant AT = Instant.parse("2026-03-10T12:30:00Z");

    Store store();

    static Subscribers.TokenHashes hashes(long id) {
        return new Subscribers.TokenHashes("confirm-" + id, "unsubscribe-" + id);
    }

    private Subscriber add(String address, List<String> components, Instant confirmedAt) {
        return store().subscribers().add(SubscriberKind.EMAIL, address, components, AT, confirmedAt,
                SubscriberStoreContract::hashes).subscriber();
    }

    private static OutboxEntry notice(String key, String channelId) {
        return new OutboxEntry(key, null, channelId, "INCIDENT_UPDATED", "{}", false, AT, AT);
    }

    @Test
    default void a_subscriber_is_added_once_per_address_with_its_components_and_found_by_its_token_hashes() {
        Subscribers subscribers = store().subscribers();
        var first = subscribers.add(SubscriberKind.EMAIL, "ada@example.com", List.of("web", "db"), AT, null,
                SubscriberStoreContract::hashes);
        var again = subscribers.add(SubscriberKind.EMAIL, "ada@example.com", List.of(), AT.plusSeconds(5), null,
                id -> { throw new AssertionError("no new subscriber, no new tokens"); });
        var webhook = subscribers.add(SubscriberKind.WEBHOOK, "ada@example.com", List.of(), AT, AT,
                SubscriberStoreContract::hashes);

        assertThat(first.created()).isTrue();
        long id = first.subscriber().id();
        assertThat(first.subscriber()).isEqualTo(new Subscriber(id, SubscriberKind.EMAIL, "ada@example.com",
                List.of("web", "db"), AT, null, null));
        assertThat(again.created()).as("the same address again").isFalse();
        assertThat(again.subscriber()).isEqualTo(first.subscriber());
        assertThat(webhook.created()).as("another kind is another subscriber").isTrue();
        assertThat(webhook.subscriber().confirmedAt()).isEqualTo(AT);
        assertThat(subscribers.subscriber(id)).contains(first.subscriber());
        assertThat(subscribers.byConfirmTokenHash("confirm-" + id)).contains(first.subscriber());
        assertThat(subscribers.byUnsubscribeTokenHash("unsubscribe-" + id)).contains(first.subscriber());
        assertThat(subscribers.byConfirmTokenHash("unsubscribe-" + id)).isEmpty();
        assertThat(subscribers.subscriber(id + 1000)).isEmpty();
        assertThat(subscribers.active()).extracting(Subscriber::id).containsExactly(id, webhook.subscriber().id());
    }

    @Test
    default void a_subscriber_is_confirmed_once_and_only_confirmed_live_ones_are_listed_for_notices() {
        Subscribers subscribers = store().subscribers();
        Subscriber pending = add("pending@example.com", List.of(), null);
        Subscriber confirming = add("confirming@example.com", List.of("web"), null);
        Subscriber gone = add("gone@example.com", List.of(), AT);

        assertThat(subscribers.confirm(confirming.id(), AT.plusSeconds(60))).isTrue();
        assertThat(subscribers.confirm(confirming.id(), AT.plusSeconds(90))).as("already confirmed").isFalse();
        assertThat(subscribers.unsubscribe(gone.id(), AT.plusSeconds(60))).isTrue();
        assertThat(subscribers.confirm(gone.id(), AT.plusSeconds(90))).as("unsubscribed").isFalse();
        assertThat(subscribers.confirm(4242, AT)).as("unknown").isFalse();

        assertThat(subscribers.confirmed()).extracting(Subscriber::id).containsExactly(confirming.id());
        assertThat(subscribers.subscriber(confirming.id()).orElseThrow().confirmedAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(subscribers.active()).extracting(Subscriber::id).containsExactly(pending.id(), confirming.id());
    }

    @Test
    default void live_subscribers_are_read_a_page_at_a_time_counted_and_searched_without_the_unsubscribed() {
        Subscribers subscribers = store().subscribers();
        Subscriber ada = add("ada@example.com", List.of("web"), AT);
        Subscriber gone = add("adam@example.com", List.of(), AT);
        Subscriber bob = add("bob@example.com", List.of("db_main"), null);
        Subscriber cy = add("cy@example.org", List.of(), AT);
        subscribers.unsubscribe(gone.id(), AT.plusSeconds(1));

        assertThat(subscribers.activeCount()).isEqualTo(3);
        assertThat(subscribers.active(0, 2)).extracting(Subscriber::id).containsExactly(ada.id(), bob.id());
        assertThat(subscribers.active(2, 2)).extracting(Subscriber::id).containsExactly(cy.id());
        assertThat(subscribers.active(4, 2)).isEmpty();
        assertThat(subscribers.activeContaining("ada")).extracting(Subscriber::id).containsExactly(ada.id());
        assertThat(subscribers.activeContaining("example.com")).extracting(Subscriber::id).containsExactly(ada.id(), bob.id());
        assertThat(subscribers.activeContaining("web")).as("a component").extracting(Subscriber::id).containsExactly(ada.id());
        assertThat(subscribers.activeContaining("email")).as("the kind").hasSize(3);
        assertThat(subscribers.activeContaining("b_m")).as("an underscore is a letter, not a wildcard")
                .extracting(Subscriber::id).containsExactly(bob.id());
        assertThat(subscribers.activeContaining("a%c")).as("a percent sign too").isEmpty();
    }

    @Test
    default void unsubscribing_keeps_the_row_frees_the_address_and_takes_back_the_notices_no_sender_holds() {
        Subscribers subscribers = store().subscribers();
        Outbox outbox = store().outbox();
        Subscriber ada = add("ada@example.com", List.of(), AT);
        Subscriber bob = add("bob@example.com", List.of(), AT);
        outbox.write(new AlertWrites(List.of(), List.of(notice("sub/ada/1", ada.channelId()))));
        assertThat(outbox.claimDue("node-a", AT, Duration.ofMinutes(1), 10)).hasSize(1); // a sender holds it
        outbox.write(new AlertWrites(List.of(), List.of(notice("sub/ada/2", ada.channelId()),
                notice("sub/bob/2", bob.channelId()))));

        assertThat(subscribers.unsubscribe(ada.id(), AT.plusSeconds(10))).isTrue();
        assertThat(subscribers.unsubscribe(ada.id(), AT.plusSeconds(20))).as("already").isFalse();

        assertThat(outbox.notifications(null, null, 10)).extracting(NotificationRecord::dedupKey)
                .containsExactlyInAnyOrder("sub/ada/1", "sub/bob/2");
        Subscriber unsubscribed = subscribers.subscriber(ada.id()).orElseThrow();
        assertThat(unsubscribed.unsubscribedAt()).isEqualTo(AT.plusSeconds(10));
        assertThat(unsubscribed.active()).isFalse();
        assertThat(subscribers.byUnsubscribeTokenHash("unsubscribe-" + ada.id())).as("the link still finds it")
                .contains(unsubscribed);
        assertThat(subscribers.byConfirmTokenHash("confirm-" + ada.id())).as("but it cannot be confirmed").isEmpty();
        var again = subscribers.add(SubscriberKind.EMAIL, "ada@example.com", List.of(), AT.plusSeconds(30), null,
                SubscriberStoreContract::hashes);
        assertThat(again.created()).as("the address may subscribe again").isTrue();
        assertThat(again.subscriber().id()).isNotEqualTo(ada.id());
    }

    @Test
    default void deleting_removes_the_address_and_its_pending_notices() {
        Subscribers subscribers = store().subscribers();
        Outbox outbox = store().outbox();
        Subscriber ada = add("ada@example.com", List.of(), AT);
        outbox.write(new AlertWrites(List.of(), List.of(notice("sub/ada/1", ada.channelId()))));

        assertThat(subscribers.delete(ada.id(), AT)).isTrue();
        assertThat(subscribers.delete(ada.id(), AT)).isFalse();

        assertThat(subscribers.subscriber(ada.id())).isEmpty();
        assertThat(subscribers.active()).isEmpty();
        assertThat(outbox.notifications(null, null, 10)).isEmpty();
    }

    @Test
    default void many_requests_for_one_address_at_once_make_one_subscriber() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Subscribers.Added>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.submit(() -> store().subscribers().add(SubscriberKind.EMAIL, "race@example.com", List.of(), AT,
                        null, SubscriberStoreContract::hashes)));
            }
            List<Subscribers.Added> results = new ArrayList<>();
            for (Future<Subscribers.Added> f : all) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(Subscribers.Added::created).hasSize(1);
            assertThat(results).extracting(a -> a.subscriber().id()).containsOnly(results.getFirst().subscriber().id());
        } finally {
            pool.shutdownNow();
        }
    }
}
