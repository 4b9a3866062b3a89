package dev.lookout.subscribe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Where subscribers are kept (SQL in the {@code store} package). Tokens are looked up by their
 * SHA-256 only: the tokens themselves are derived when a mail is written
 * ({@link SubscriberTokens}) and never stored.
 */
public interface Subscribers {

    /** What {@link #add} did: the new subscriber, or the live one that already had the address. */
    record Added(Subscriber subscriber, boolean created) {
    }

    /** The hashes of a subscriber's confirm and unsubscribe tokens. */
    record TokenHashes(String confirm, String unsubscribe) {
    }

    /**
     * Adds a subscriber unless a live (not unsubscribed) one of the same kind has this address:
     * then that one is returned unchanged. The token hashes are computed from the new id and
     * written in the same transaction.
     *
     * @param confirmedAt null for an address that must still confirm
     */
    Added add(SubscriberKind kind, String address, List<String> componentIds, Instant createdAt, Instant confirmedAt,
              LongFunction<TokenHashes> hashes);

    Optional<Subscriber> subscriber(long id);

    /** The live subscriber whose confirm token has this hash. */
    Optional<Subscriber> byConfirmTokenHash(String hash);

    /** The subscriber whose unsubscribe token has this hash, also when already unsubscribed. */
    Optional<Subscriber> byUnsubscribeTokenHash(String hash);

    /** Confirms a live, unconfirmed subscriber; false when already confirmed, unsubscribed or unknown. */
    boolean confirm(long id, Instant at);

    /**
     * Marks a subscriber unsubscribed and takes back its pending notifications that no sender
     * holds, in one transaction; false when already unsubscribed or unknown.
     */
    boolean unsubscribe(long id, Instant at);

    /** Deletes a subscriber (its address is gone) and its pending notifications that no sender holds. */
    boolean delete(long id, Instant at);

    /** Live subscribers (confirmed or not), oldest first. */
    List<Subscriber> active();

    /** {@code limit} live subscribers from the {@code offset}-th, oldest first: a page of {@link #active()}. */
    List<Subscriber> active(int offset, int limit);

    /** How many live subscribers there are. */
    int activeCount();

    /**
     * Live subscribers whose address, kind or followed components' JSON contains {@code text}
     * (ASCII case ignored), oldest first: a superset of a search, which the caller narrows, read
     * without building every subscriber.
     */
    List<Subscriber> activeContaining(String text);

    /** Live, confirmed subscribers, oldest first: the ones notices go to. */
    List<Subscriber> confirmed();
}
