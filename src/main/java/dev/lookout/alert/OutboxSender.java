package dev.lookout.alert;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.config.AlertingConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due notifications (with a lease, so that a sender that dies leaves
 * them to the next), sends the ones for one channel as one message (or two: messages about Lookout
 * itself apart from the alerts about monitors; an urgent one first), marks them delivered only
 * when the channel accepted it, and otherwise retries with exponential backoff and jitter (or as
 * the receiver's Retry-After says) until they are dead-lettered and reported on the dead-letter
 * channel. Rows for ids that are not configured channels go to an {@link OutboxRecipient} (a
 * status-page subscriber), one row at a time, with the same retries; their dead letters are
 * recorded but not reported on the dead-letter channel.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int CLAIM_LIMIT = 200;
    /** Longer than any delivery may take (the channel timeout plus the hard deadline's margin). */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(5);
    private static final Duration IDLE_POLL = Duration.ofMillis(250);
    /**
     * Recipients are many (one per subscriber) and usually behind one SMTP server: at most this
     * many deliveries to them at once, where channels (few, each its own receiver) all go in parallel.
     */
    private static final int RECIPIENTS_AT_ONCE = 8;

    private final Outbox outbox;
    private final Supplier<Map<String, Channel>> channels;
    private final Function<String, OutboxRecipient> recipients;
    private final Semaphore recipientSlots = new Semaphore(RECIPIENTS_AT_ONCE);
    private final Supplier<AlertingConfig> alerting;
    private final String node;
    private final InstantSource clock;
    private final Duration channelTimeout;
    private final RandomGenerator random;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread loop;

    public OutboxSender(Outbox outbox, Supplier<Map<String, Channel>> channels, Supplier<AlertingConfig> alerting, String node,
                        InstantSource clock, Duration channelTimeout, RandomGenerator random) {
        this(outbox, channels, id -> null, alerting, node, clock, channelTimeout, random);
    }

    /**
     * @param recipients the recipient of a channel id that no configured channel has, or null
     *                   when nobody has it (then its rows are dead: "no longer configured")
     */
    public OutboxSender(Outbox outbox, Supplier<Map<String, Channel>> channels, Function<String, OutboxRecipient> recipients,
                        Supplier<AlertingConfig> alerting, String node, InstantSource clock, Duration channelTimeout,
                        RandomGenerator random) {
        this.outbox = outbox;
        this.channels = channels;
        this.recipients = recipients;
        this.alerting = alerting;
        this.node = node;
        this.clock = clock;
        this.channelTimeout = channelTimeout;
        this.random = random;
    }

    /** Releases this node's stale claims (from before a crash) and starts delivering. */
    public OutboxSender start() {
        try {
            int released = outbox.releaseClaims(node);
            if (released > 0) {
                log.warn("alerting: {} notifications claimed before this node stopped are pending again", released);
            }
        } catch (dev.lookout.storage.StoreException e) {
            // The storage fails or is held: claims left by a crash expire with their lease instead.
            log.warn("alerting: claims from before the start not released: {}", e.getMessage());
        }
        running = true;
        loop = Thread.ofVirtual().name("lookout-outbox-sender").start(this::run);
        return this;
    }

    private void run() {
        while (running) {
            try {
                if (sendDue() == 0) {
                    Thread.sleep(IDLE_POLL);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("alerting: the outbox could not be read; retrying in 5 s: {}", e.getMessage());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * One pass: claims what is due and delivers it, one message per channel (for a recipient, its
     * rows one after another, oldest first), channels in parallel. Returns rows handled.
     */
    public int sendDue() throws InterruptedException {
        // The group window again, across nodes: each decides its own alerts' due times, the database
        // keeps one window per channel for all of them.
        List<NotificationRecord> claimed = outbox.claimDue(node, clock.instant(), LEASE, CLAIM_LIMIT,
                alerting.get().groupWindow());
        Map<String, List<NotificationRecord>> byChannel = new LinkedHashMap<>();
        claimed.forEach(n -> byChannel.computeIfAbsent(n.channelId(), c -> new ArrayList<>()).add(n));
        List<Future<?>> running = new ArrayList<>();
        byChannel.forEach((channel, rows) -> running.add(deliveries.submit(() -> deliver(channel, rows))));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                log.error("alerting: delivery failed unexpectedly", e.getCause());
            }
        }
        return claimed.size();
    }

    private void deliver(String channelId, List<NotificationRecord> rows) {
        List<Long> ids = rows.stream().map(NotificationRecord::id).toList();
        Channel channel = channels.get().get(channelId);
        OutboxRecipient recipient = channel == null ? recipients.apply(channelId) : null;
        Instant start = clock.instant();
        if (channel == null && recipient == null) {
            giveUp(channelId, rows, ids, start, "channel '" + channelId + "' is no longer configured", true);
            return;
        }
        if (recipient != null) {
            try {
                recipientSlots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // claim expires; delivered later
            }
            try {
                for (NotificationRecord row : rows) {
                    attempt(channelId, List.of(row), List.of(row.id()), () -> recipient.deliver(row), false);
                }
            } finally {
                recipientSlots.release();
            }
            return;
        }
        // Messages about Lookout itself apart from the alerts about monitors (a channel renders a message as one or
        // the other), in the order of their first row as claimed: an urgent one first.
        Map<Boolean, List<NotificationRecord>> parts = new LinkedHashMap<>();
        rows.forEach(n -> parts.computeIfAbsent(n.episodeId() == null, text -> new ArrayList<>()).add(n));
        for (List<NotificationRecord> part : parts.values()) {
            AlertMessage message = message(part, start);
            attempt(channelId, part, part.stream().map(NotificationRecord::id).toList(), () -> channel.send(message), true);
        }
    }

    /** One delivery attempt, under the hard deadline of the channel timeout plus a margin. */
    private interface Attempt {
        void send() throws DeliveryException;
    }

    private void attempt(String channelId, List<NotificationRecord> rows, List<Long> ids, Attempt send, boolean reportDead) {
        long began = System.nanoTime();
        Future<?> attempt = deliveries.submit(() -> {
            send.send();
            return null;
        });
        DeliveryException failure;
        try {
            attempt.get(channelTimeout.plus(DEADLINE_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            long ms = (System.nanoTime() - began) / 1_000_000;
            outbox.delivered(ids, clock.instant(), ms);
            log.info("alerting: delivered {} ({} notification{}) to {} in {} ms", label(rows.getFirst().kind()), rows.size(),
                    rows.size() == 1 ? "" : "s", channelId, ms);
            return;
        } catch (TimeoutException e) {
            attempt.cancel(true);
            failure = DeliveryException.transientFailure("no answer within " + channelTimeout.plus(DEADLINE_MARGIN).toSeconds()
                    + " s", e);
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof DeliveryException d ? d
                    : DeliveryException.transientFailure(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // claim expires; delivered later
        }
        long ms = (System.nanoTime() - began) / 1_000_000;
        Instant now = clock.instant();
        AlertingConfig.RetryConfig retry = alerting.get().retry();
        int attempts = rows.stream().mapToInt(NotificationRecord::attempts).max().orElse(0) + 1;
        Instant oldest = rows.stream().map(NotificationRecord::createdAt).min(Instant::compareTo).orElse(now);
        String error = failure.getMessage();
        if (failure.permanent() || attempts >= retry.maxAttempts()
                || !now.isBefore(oldest.plus(retry.giveUpAfter()))) {
            giveUp(channelId, rows, ids, now, error + (failure.permanent() ? "" : " (after " + attempts + " attempts)"),
                    reportDead);
            return;
        }
        Duration wait = failure.retryAfter().orElseGet(() -> backoff(retry, attempts));
        outbox.failed(ids, now, error, now.plus(wait), ms);
        log.warn("alerting: delivery to {} failed (attempt {} of {}), retrying in {}: {}", channelId, attempts,
                retry.maxAttempts(), DurationText.of(wait), error);
    }

    /** Exponential backoff with full jitter over the upper half: first * 2^(n-1), capped, times [0.5, 1). */
    Duration backoff(AlertingConfig.RetryConfig retry, int attempts) {
        long base = retry.firstBackoff().toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, retry.maxBackoff().toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + random.nextDouble() / 2)));
    }

    /**
     * Marks the rows dead and, when {@code report}, tells the dead-letter channel. A recipient's
     * rows are not reported: anyone can subscribe an address that bounces, and the operators'
     * channel must not be theirs to fill.
     */
    private void giveUp(String channelId, List<NotificationRecord> rows, List<Long> ids, Instant now, String error,
                        boolean report) {
        outbox.dead(ids, now, error);
        log.error("alerting: giving up on {} notification(s) to {}: {}", rows.size(), channelId, error);
        String deadLetter = alerting.get().deadLetterChannel();
        if (!report || deadLetter == null || deadLetter.equals(channelId)) {
            return;
        }
        List<OutboxEntry> reports = new ArrayList<>();
        for (NotificationRecord row : rows) {
            if (row.kind().equals(AlertKind.UNDELIVERABLE.name())) {
                continue;
            }
            String about = row.episodeId() == null ? "" : " about " + row.episodeId().substring(0, row.episodeId().lastIndexOf('@'));
            String text = "Could not deliver a " + label(row.kind()) + " notification" + about + " to channel '"
                    + channelId + "': " + error;
            reports.add(new OutboxEntry("undeliverable/" + row.id() + "/" + deadLetter, null, deadLetter,
                    AlertKind.UNDELIVERABLE.name(), AlertJson.write(new AlertJson.Text(text)), false, now, now));
        }
        if (!reports.isEmpty()) {
            outbox.write(new AlertWrites(List.of(), reports));
        }
    }

    /** A stored kind as in logs and payloads ({@code still-down}); subscribers' kinds are not {@link AlertKind}s. */
    private static String label(String kind) {
        return kind.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private AlertMessage message(List<NotificationRecord> rows, Instant now) {
        List<MonitorAlert> alerts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (NotificationRecord row : rows) {
            if (row.episodeId() != null) {
                alerts.add(AlertJson.alert(row.body()));
            } else {
                texts.add(AlertJson.text(row.body()));
            }
        }
        return new AlertMessage(messageId(rows), AlertKind.valueOf(rows.getFirst().kind()), now, node, alerts,
                String.join("\n\n", texts));
    }

    /**
     * The delivery id names exactly the notifications in the message: for one, its own (a random
     * UUID the database gave it, so another database or a reset one never repeats it); for several,
     * a name-based UUID of their ids, sorted. A retry of the same notifications keeps it; a
     * regrouping (rows that became due while a node was down, joining one it had sent but not
     * marked) gets a new one, so a receiver that drops repeated ids never drops an unseen alert.
     */
    static String messageId(List<NotificationRecord> rows) {
        if (rows.size() == 1) {
            return rows.getFirst().deliveryId();
        }
        String members = rows.stream().map(NotificationRecord::deliveryId).sorted().collect(Collectors.joining(","));
        return UUID.nameUUIDFromBytes(("lookout-group:" + members).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deliveries.shutdownNow();
    }
}
