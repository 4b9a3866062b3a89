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
    default void live_subscribers_are_searched_counted_and_paged_in_the_database_oldest_first() {
        Subscribers subscribers = store().subscribers();
        Subscriber ada = add("ada@example.com", List.of("web", "db"), AT);
        Subscriber bob = add("bob@example.org", List.of(), null);
        Subscriber hook = subscribers.add(SubscriberKind.WEBHOOK, "https://Hooks.example.com/x_y%z", List.of("API"), AT, AT,
                SubscriberStoreContract::hashes).subscriber();
        Subscriber gone = add("gone@example.com", List.of("web"), AT);
        subscribers.unsubscribe(gone.id(), AT);

        assertThat(subscribers.find(Subscribers.Search.after(null, 0, 10))).as("every live one")
                .extracting(Subscriber::id).containsExactly(ada.id(), bob.id(), hook.id());
        assertThat(subscribers.count(" ")).isEqualTo(3);
        assertThat(subscribers.find(Subscribers.Search.after("EXAMPLE.COM", 0, 10))).as("any case, address")
                .extracting(Subscriber::id).containsExactly(ada.id(), hook.id());
        assertThat(subscribers.find(Subscribers.Search.after("webhook", 0, 10))).as("kind").extracting(Subscriber::id)
                .containsExactly(hook.id());
        assertThat(subscribers.find(Subscribers.Search.after("db", 0, 10))).as("a component").extracting(Subscriber::id)
                .containsExactly(ada.id());
        assertThat(subscribers.find(Subscribers.Search.after("api", 0, 10))).as("a component, any case")
                .extracting(Subscriber::id).containsExactly(hook.id());
        assertThat(subscribers.find(Subscribers.Search.after("\"", 0, 10))).as("not the components' JSON").isEmpty();
        assertThat(subscribers.find(Subscribers.Search.after("x_y%", 0, 10))).as("% and _ are letters")
                .extracting(Subscriber::id).containsExactly(hook.id());
        assertThat(subscribers.count("_")).as("only the address with one").isOne();
        assertThat(subscribers.count("gone")).as("an unsubscribed one is not found").isZero();

        assertThat(subscribers.find(Subscribers.Search.after("example", 0, 2))).extracting(Subscriber::id)
                .containsExactly(ada.id(), bob.id());
        assertThat(subscribers.find(Subscribers.Search.after("example", bob.id(), 2))).as("after the last one shown")
                .extracting(Subscriber::id).containsExactly(hook.id());
        assertThat(subscribers.find(Subscribers.Search.at("example", 2, 2))).as("at a position")
                .extracting(Subscriber::id).containsExactly(hook.id());
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
