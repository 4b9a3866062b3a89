package dev.lookout.web.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.evaluate.StateChange;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands each monitor state change to every open dashboard. The result pipeline calls
 * {@link #accept} and must never wait for a browser: each dashboard has a bounded queue of its
 * own, an offer never blocks, and a dashboard whose queue is full (a slow or dead client) is
 * dropped; its browser reconnects and is told to reload for what it missed.
 */
public final class StateEvents implements Consumer<StateChange>, AutoCloseable {
    /** Events one dashboard may be behind before it is dropped: a burst of state changes across many monitors. */
    public static final int BUFFER = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOSED = "";

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final int buffer;

    public StateEvents() {
        this(BUFFER);
    }

    /** @param buffer the events one dashboard may be behind before it is dropped */
    public StateEvents(int buffer) {
        this.buffer = buffer;
    }

    /** One open dashboard's queue of events, each a complete {@code text/event-stream} message. */
    public final class Subscriber implements AutoCloseable {
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(buffer + 1);
        private volatile boolean dropped;

        /** Synchronized: a change offered while another one drops this dashboard must not land after its end. */
        private synchronized boolean offer(String event) {
            if (dropped || queue.remainingCapacity() <= 1 || !queue.offer(event)) { // the last place is for the end
                dropped = true;
                subscribers.remove(this);
                queue.clear();
                queue.offer(CLOSED);
                return false;
            }
            return true;
        }

        /** The next event, or null when none came within {@code wait}; empty when this subscriber is closed or dropped. */
        public String next(Duration wait) throws InterruptedException {
            return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Whether the dashboard fell {@link #BUFFER} events behind and was dropped. */
        public boolean dropped() {
            return dropped;
        }

        @Override
        public void close() {
            subscribers.remove(this);
            queue.offer(CLOSED);
        }
    }

    /** A new dashboard: its queue receives every change from now on. */
    public Subscriber subscribe() {
        Subscriber subscriber = new Subscriber();
        subscribers.add(subscriber);
        return subscriber;
    }

    /** How many dashboards are open now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Whether {@code event} from {@link Subscriber#next} says the stream ended. */
    public static boolean ended(String event) {
        return CLOSED.equals(event);
    }

    @Override
    public void accept(StateChange change) {
        if (subscribers.isEmpty()) {
            return;
        }
        String event = "event: state\ndata: " + json(change) + "\n\n";
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(event);
        }
    }

    static String json(StateChange change) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", change.monitorId());
        out.put("from", change.from().name().toLowerCase(Locale.ROOT));
        out.put("state", change.to().name().toLowerCase(Locale.ROOT));
        out.put("at", change.at().toString());
        if (change.cause() != null) {
            out.put("checked_at", change.cause().startedAt().toString());
            long micros = change.cause().timings().totalMicros();
            out.put("latency", micros < 0 ? null : Milliseconds.text(micros / 1000.0));
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** Ends every open stream (the server stops). */
    @Override
    public void close() {
        subscribers.forEach(Subscriber::close);
    }
}
