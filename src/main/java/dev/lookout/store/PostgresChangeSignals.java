package dev.lookout.store;

import dev.lookout.cluster.ChangeSignals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN/NOTIFY on channel {@value #CHANNEL}: a signal is sent like every call of the store
 * ({@code pg_notify} through {@link SqlTransactions}, delivered when its transaction commits) and
 * heard on one connection of its own, outside the pool, that waits for notifications and is
 * opened again after a failure. A payload is {@code instance topic}, so that a node does not act
 * on its own signals.
 */
final class PostgresChangeSignals implements ChangeSignals {
    static final String CHANNEL = "lookout_changes";
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeSignals.class);
    private static final int WAIT_MILLIS = 1_000;
    private static final long RETRY_MILLIS = 2_000;

    private final SqlTransactions transactions;
    private final Supplier<Connection> dedicated;
    private final String instance = UUID.randomUUID().toString();
    private volatile boolean closed;
    private volatile Thread listener;

    /** @param dedicated opens a connection outside the pool (it stays open while listening) */
    PostgresChangeSignals(SqlTransactions transactions, Supplier<Connection> dedicated) {
        this.transactions = transactions;
        this.dedicated = dedicated;
    }

    @Override
    public void announce(String topic) {
        try {
            // Like every caller's call: refused at once while the storage fails, at most 5 s per answer.
            transactions.run("signal '" + topic + "' to the other nodes", connection -> {
                try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, instance + " " + topic);
                    return notify.execute();
                }
            });
        } catch (RuntimeException e) {
            // The others' caches expire by their time to live; the storage's health says what is wrong.
            log.debug("cluster: could not signal '{}' to the other nodes: {}", topic, e.getMessage());
        }
    }

    @Override
    public void listen(Consumer<String> heard) {
        listener = Thread.ofPlatform().daemon().name("lookout-change-signals").start(() -> run(heard));
    }

    private void run(Consumer<String> heard) {
        boolean failing = false;
        while (!closed) {
            try (Connection connection = dedicated.get(); Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
                if (failing) {
                    log.info("cluster: hearing the other nodes' change signals again");
                    failing = false;
                }
                heard.accept("*"); // what changed while nobody listened is unknown: read everything again
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] signals = pg.getNotifications(WAIT_MILLIS);
                    if (signals == null) {
                        continue;
                    }
                    for (PGNotification signal : signals) {
                        String payload = signal.getParameter();
                        int space = payload.indexOf(' ');
                        if (space > 0 && !payload.substring(0, space).equals(instance)) {
                            heard.accept(payload.substring(space + 1));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    log.warn("cluster: cannot hear the other nodes' change signals ({}); trying again", e.getMessage());
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
        Thread t = listener;
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
