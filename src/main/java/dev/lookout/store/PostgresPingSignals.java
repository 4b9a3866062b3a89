package dev.lookout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tells the other nodes which pings this node stored, on channel {@value #CHANNEL}: a heartbeat
 * monitor's pings may reach any node behind a load balancer, and the node that owns the monitor
 * must see them at once (postmortem 002). The notification is sent in the transaction that
 * stores the pings, so it is delivered when, and only if, they are committed. A payload is this
 * instance's id and the pings' row ids; the nodes that hear it read the rows.
 */
final class PostgresPingSignals {
    static final String CHANNEL = "lookout_pings";
    /** PostgreSQL refuses payloads of 8000 bytes and more. */
    private static final int MAX_PAYLOAD = 7_500;

    private final String instance = UUID.randomUUID().toString();

    /** In the caller's transaction: one notification per {@value #MAX_PAYLOAD} bytes of ids. */
    void announce(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            StringBuilder payload = new StringBuilder(instance);
            for (long id : ids) {
                String part = " " + id;
                if (payload.length() + part.length() > MAX_PAYLOAD) {
                    send(notify, payload.toString());
                    payload = new StringBuilder(instance);
                }
                payload.append(part);
            }
            send(notify, payload.toString());
        }
    }

    private static void send(PreparedStatement notify, String payload) throws SQLException {
        notify.setString(1, CHANNEL);
        notify.setString(2, payload);
        notify.execute();
    }

    /** The row ids a notification names; none when this instance sent it. */
    List<Long> idsFromOthers(String payload) {
        String[] parts = payload.split(" ");
        List<Long> ids = new ArrayList<>();
        if (parts.length < 2 || parts[0].equals(instance)) {
            return ids;
        }
        for (int i = 1; i < parts.length; i++) {
            try {
                ids.add(Long.parseLong(parts[i]));
            } catch (NumberFormatException e) {
                // not ours: some other program on the channel
            }
        }
        return ids;
    }
}
