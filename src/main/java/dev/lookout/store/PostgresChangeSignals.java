package dev.lookout.store;

import dev.lookout.cluster.ChangeSignals;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN/NOTIFY on channel {@value #CHANNEL}: a signal is sent like every call of the store
 * ({@code pg_notify} through {@link SqlTransactions}, delivered when its transaction commits) and
 * heard through the store's {@link PostgresListener}. A payload is {@code instance topic}, so
 * that a node does not act on its own signals.
 */
final class PostgresChangeSignals implements ChangeSignals {
    static final String CHANNEL = "lookout_changes";
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeSignals.class);

    private final SqlTransactions transactions;
    private final PostgresListener listener;
    private final String instance = UUID.randomUUID().toString();

    PostgresChangeSignals(SqlTransactions transactions, PostgresListener listener) {
        this.transactions = transactions;
        this.listener = listener;
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
        listener.listen(CHANNEL, new PostgresListener.Handler() {
            @Override
            public void heard(String payload) {
                int space = payload.indexOf(' ');
                if (space > 0 && !payload.substring(0, space).equals(instance)) {
                    heard.accept(payload.substring(space + 1));
                }
            }

            @Override
            public void listening() {
                heard.accept("*"); // what changed while nobody listened is unknown: read everything again
            }
        });
    }

    @Override
    public void close() {
        listener.forget(CHANNEL);
    }
}
