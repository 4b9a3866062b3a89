package dev.lookout.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's LISTEN for every channel Lookout uses, on one connection of its own outside the
 * pool: each notification goes to its channel's handler, on this listener's thread. The
 * connection is opened again after a failure, and each handler is then told that it may have
 * missed something ({@link Handler#listening}).
 */
final class PostgresListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 1_000;
    private static final long RETRY_MILLIS = 2_000;

    /** What one channel does with what it hears. */
    interface Handler {
        /** A notification on the channel, in commit order. */
        void heard(String payload);

        /** Listening (again): what was sent while nobody listened is unknown. */
        void listening();
    }

    private final Supplier<Connection> dedicated;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread thread;

    /** @param dedicated opens a connection outside the pool (it stays open while listening) */
    PostgresListener(Supplier<Connection> dedicated) {
        this.dedicated = dedicated;
    }

    /** Starts hearing {@code channel} (an identifier of Lookout's own, never user input). */
    synchronized void listen(String channel, Handler handler) {
        handlers.put(channel, handler);
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().daemon().name("lookout-postgres-listener").start(this::run);
        }
    }

    /** Stops handing {@code channel}'s notifications on (they are still received until the store closes). */
    void forget(String channel) {
        handlers.remove(channel);
    }

    private void run() {
        boolean failing = false;
        while (!closed) {
            Set<String> listened = new HashSet<>();
            try (Connection connection = dedicated.get(); Statement statement = connection.createStatement()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    for (Map.Entry<String, Handler> channel : handlers.entrySet()) {
                        if (listened.add(channel.getKey())) {
                            statement.execute("LISTEN " + channel.getKey());
                            channel.getValue().listening();
                        }
                    }
                    if (failing) {
                        log.info("cluster: hearing the other nodes' signals again");
                        failing = false;
                    }
                    PGNotification[] signals = pg.getNotifications(WAIT_MILLIS);
                    if (signals == null) {
                        continue;
                    }
                    for (PGNotification signal : signals) {
                        Handler handler = handlers.get(signal.getName());
                        if (handler != null) {
                            handler.heard(signal.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    log.warn("cluster: cannot hear the other nodes' signals ({}); trying again", e.getMessage());
                    failing = true;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(WAIT_MILLIS * 3L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
