package dev.lookout.alert;

import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.config.AlertingConfig;
import dev.lookout.storage.DatabaseMismatchException;
import dev.lookout.storage.StorageStatus;
import dev.lookout.storage.StoreStats;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage alarm: one message on {@code alerting.system_channels} when Lookout's storage has
 * failed for longer than {@code alerting.storage_alarm_after} (at once when the database is not
 * Lookout's), and one when it works again, with what waited in memory and what was dropped.
 *
 * <p>Sent straight to the channels, never through the outbox: the outbox is in the database that
 * fails. It reads the storage's state from memory only and is ticked every second; each delivery
 * attempt runs on a virtual thread under a hard deadline, a failed one is tried again a few times
 * (see {@link #ATTEMPTS}), and the tick never waits for any of it. A message has one delivery id
 * (a UUID), the same on every channel and every attempt, so that a receiver can drop a repeat.
 *
 * <p>One outage, one alarm: storage that works again for less than {@link #SETTLE} and then fails
 * is the same outage going on (no recovery message, no second alarm). Only a database found to be
 * not Lookout's during an outage already announced says so once more, since that needs an operator.
 */
public final class StorageAlarm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StorageAlarm.class);

    /** Storage that works for less than this before failing again is one outage, not two. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /**
     * When each attempt to deliver a message to a channel is due, counted from when the message
     * was made: four attempts within 35 s. A receiver's Retry-After may push one later; no fifth.
     */
    static final List<Duration> ATTEMPTS = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(35));

    /**
     * What the alarm reads about the storage, all from memory.
     *
     * @param status   the storage's health now (the store's {@code StorageHealth::status})
     * @param stats    the writer's counters now
     * @param database how messages name the database (never with a password)
     * @param capacity how many items the memory buffer holds ({@code storage.buffer_size})
     */
    public record Storage(Supplier<StorageStatus> status, Supplier<StoreStats> stats, String database, int capacity) {
    }

    /** One outage as the alarm follows it: from the first failure until the storage has worked for {@link #SETTLE}. */
    private static final class Outage {
        final Instant since;
        final long droppedBefore;
        StorageStatus first;
        boolean alarmed;
        boolean replacedSaid;
        int peakBuffered;
        /** When the storage worked again, while that is shorter than SETTLE; null while it fails. */
        Instant okSince;

        Outage(StorageStatus first, Instant since, long droppedBefore) {
            this.first = first;
            this.since = since;
            this.droppedBefore = droppedBefore;
        }
    }

    /** One message to one channel until it is delivered or given up. */
    private static final class Delivery {
        final AlertMessage message;
        final String channelId;
        final Instant made;
        int attempts;
        Instant due;
        boolean running;

        Delivery(AlertMessage message, String channelId, Instant made) {
            this.message = message;
            this.channelId = channelId;
            this.made = made;
            this.due = made;
        }
    }

    private final Storage storage;
    private final Supplier<AlertingConfig> alerting;
    private final Supplier<Map<String, Channel>> channels;
    private final InstantSource clock;
    private final String node;
    private final Duration attemptDeadline;
    private final Executor attempts;
    /** Runs each channel's send, so that an attempt past its deadline can be abandoned (and interrupted). */
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final List<Delivery> deliveries = new ArrayList<>();
    private Outage outage;
    private volatile boolean active;
    private volatile boolean closed;

    /**
     * @param alerting        read on every tick: the threshold and the system channels follow reloads
     * @param channels        the configured channels by id, looked up at each attempt
     * @param attemptDeadline how long one attempt to one channel may take
     */
    public StorageAlarm(Storage storage, Supplier<AlertingConfig> alerting, Supplier<Map<String, Channel>> channels,
                        InstantSource clock, String node, Duration attemptDeadline) {
        this(storage, alerting, channels, clock, node, attemptDeadline, Executors.newVirtualThreadPerTaskExecutor());
    }

    /** @param attempts where delivery attempts run (virtual threads; a test may run them on its own thread) */
    StorageAlarm(Storage storage, Supplier<AlertingConfig> alerting, Supplier<Map<String, Channel>> channels,
                 InstantSource clock, String node, Duration attemptDeadline, Executor attempts) {
        this.storage = storage;
        this.alerting = alerting;
        this.channels = channels;
        this.clock = clock;
        this.node = node;
        this.attemptDeadline = attemptDeadline;
        this.attempts = attempts;
    }

    /** Looks at the storage, says what needs saying, and starts the attempts that are due; never waits for them. */
    public void tick() {
        List<Delivery> due;
        synchronized (this) {
            Instant now = clock.instant();
            observe(storage.status().get(), storage.stats().get(), now);
            due = startDue(now);
        }
        for (Delivery d : due) {
            attempts.execute(() -> attempt(d));
        }
    }

    private void observe(StorageStatus status, StoreStats stats, Instant now) {
        AlertingConfig config = alerting.get();
        if (status.ok()) {
            if (outage != null) {
                settling(stats, now);
            }
        } else if (outage != null || config.storageAlarmEnabled()) {
            failing(status, stats, now, config);
        }
        active = outage != null && outage.alarmed;
    }

    private void failing(StorageStatus status, StoreStats stats, Instant now, AlertingConfig config) {
        if (outage == null) {
            outage = new Outage(status, status.since() != null ? status.since() : now, stats.droppedWhenFull());
        }
        Outage o = outage;
        if (!o.alarmed && !config.storageAlarmEnabled()) {
            outage = null; // turned off by a reload before it spoke: nothing to end later
            return;
        }
        o.okSince = null;
        o.peakBuffered = Math.max(o.peakBuffered, stats.pending());
        if (!o.alarmed) {
            o.first = status; // the words of the fault as it is when the alarm speaks
        }
        if (status.replaced() && !o.replacedSaid) {
            o.replacedSaid = true;
            o.alarmed = true;
            say(AlertKind.MONITORING_SIDE_FAILURE, replacedText(status, stats), now);
        } else if (!o.alarmed && !now.isBefore(o.since.plus(config.storageAlarmAfter()))) {
            o.alarmed = true;
            say(AlertKind.MONITORING_SIDE_FAILURE, alarmText(status, o.since, stats, now), now);
        }
    }

    private void settling(StoreStats stats, Instant now) {
        Outage o = outage;
        if (o.okSince == null) {
            o.okSince = now;
        }
        o.peakBuffered = Math.max(o.peakBuffered, stats.pending());
        if (Duration.between(o.okSince, now).compareTo(SETTLE) < 0) {
            return;
        }
        outage = null;
        if (o.alarmed) {
            say(AlertKind.RECOVERED, recoveryText(o, stats), now);
        }
    }

    private String alarmText(StorageStatus status, Instant since, StoreStats stats, Instant now) {
        return "Lookout on " + node + " cannot write to its storage: " + status.fault().label() + " since "
                + AlertText.time(since) + " (" + DurationText.of(Duration.between(since, now)) + "): " + status.reason()
                + ". " + buffered(stats) + " Checks go on; alerts about monitors wait in memory with their state changes"
                + " and are sent once the storage is back. Database: " + storage.database() + ".";
    }

    private String replacedText(StorageStatus status, StoreStats stats) {
        return "Lookout on " + node + " holds its writes: " + status.fault().label() + " since "
                + AlertText.time(status.since()) + ": " + status.reason() + ". Lookout writes nothing to this database"
                + " until an operator accepts it with `" + DatabaseMismatchException.ACCEPT_COMMAND + "` (see /readyz). "
                + buffered(stats) + " Checks go on; alerts about monitors wait in memory with their state changes.";
    }

    private String buffered(StoreStats stats) {
        return String.format("%,d results, state changes and notifications wait in memory (room for %,d; when it is full"
                + " the oldest results are dropped, state changes never).", stats.pending(), storage.capacity());
    }

    private String recoveryText(Outage o, StoreStats stats) {
        StorageStatus first = o.first;
        long dropped = Math.max(0, stats.droppedWhenFull() - o.droppedBefore);
        return "Lookout on " + node + " writes to its storage again after "
                + DurationText.of(Duration.between(o.since, o.okSince))
                + (o.replacedSaid ? ": the new database was accepted" : "") + " (" + first.fault().label() + " since "
                + AlertText.time(o.since) + "). " + String.format("%,d results, state changes and notifications waited in"
                + " memory and are written in order now; %,d results were dropped because the buffer was full.",
                o.peakBuffered, dropped);
    }

    /** Queues one message for every system channel (and logs it: with no system channel, the log is all there is). */
    private void say(AlertKind kind, String text, Instant now) {
        AlertMessage message = new AlertMessage(UUID.randomUUID().toString(), kind, now, node, List.of(), text);
        List<String> to = alerting.get().systemChannels();
        if (kind.isProblem()) {
            log.error("storage alarm ({}): {}", to.isEmpty() ? "no system channel to tell" : "to " + String.join(", ", to),
                    text);
        } else {
            log.warn("storage alarm ({}): {}", to.isEmpty() ? "no system channel to tell" : "to " + String.join(", ", to),
                    text);
        }
        for (String channel : to) {
            deliveries.add(new Delivery(message, channel, now));
        }
    }

    /** The attempts due now, at most one per channel, and never one ahead of an older message to the same channel. */
    private List<Delivery> startDue(Instant now) {
        List<Delivery> due = new ArrayList<>();
        Set<String> busy = new HashSet<>();
        for (Delivery d : deliveries) {
            if (!busy.add(d.channelId) || d.running || d.due.isAfter(now)) {
                continue;
            }
            d.running = true;
            d.attempts++;
            due.add(d);
        }
        return due;
    }

    private void attempt(Delivery d) {
        Channel channel = channels.get().get(d.channelId);
        long began = System.nanoTime();
        DeliveryException failure = null;
        if (channel == null) {
            failure = DeliveryException.permanent("channel '" + d.channelId + "' is not configured");
        } else {
            Future<?> send = sends.submit(() -> {
                channel.send(d.message);
                return null;
            });
            try {
                send.get(attemptDeadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                send.cancel(true);
                failure = DeliveryException.transientFailure("no answer within " + attemptDeadline.toMillis() + " ms", e);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof DeliveryException de ? de
                        : DeliveryException.transientFailure(String.valueOf(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                send.cancel(true);
                Thread.currentThread().interrupt();
                return; // closing
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
        finished(d, failure, (System.nanoTime() - began) / 1_000_000);
    }

    private synchronized void finished(Delivery d, DeliveryException failure, long ms) {
        if (closed) {
            return; // cut short by the shutdown, which said what was left
        }
        String what = d.message.kind().label() + " message " + d.message.id();
        if (failure == null) {
            deliveries.remove(d);
            delivered.incrementAndGet();
            log.info("storage alarm: delivered the {} to {} in {} ms", what, d.channelId, ms);
            return;
        }
        if (failure.permanent() || d.attempts >= ATTEMPTS.size()) {
            deliveries.remove(d);
            undeliverable.incrementAndGet();
            log.error("storage alarm: giving up on the {} to {} after {} attempt{}: {}", what, d.channelId, d.attempts,
                    d.attempts == 1 ? "" : "s", failure.getMessage());
            return;
        }
        Instant now = clock.instant();
        Instant next = d.made.plus(ATTEMPTS.get(d.attempts));
        Instant asked = failure.retryAfter().map(now::plus).orElse(next);
        d.due = asked.isAfter(next) ? asked : next;
        d.running = false;
        log.warn("storage alarm: delivering the {} to {} failed (attempt {} of {}), trying again in {}: {}", what,
                d.channelId, d.attempts, ATTEMPTS.size(), DurationText.of(Duration.between(now, d.due)),
                failure.getMessage());
    }

    /** Whether an alarm has been raised and its recovery not yet said (a gauge). */
    public boolean active() {
        return active;
    }

    /** Messages a channel accepted (one per message and channel). */
    public long delivered() {
        return delivered.get();
    }

    /** Messages given up on a channel: refused, or still failing after the last attempt. */
    public long undeliverable() {
        return undeliverable.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (!deliveries.isEmpty()) {
                log.warn("storage alarm: {} message{} not delivered before shutdown", deliveries.size(),
                        deliveries.size() == 1 ? "" : "s");
            }
        }
        sends.shutdownNow();
        if (attempts instanceof ExecutorService owned) {
            owned.shutdownNow();
        }
    }
}
