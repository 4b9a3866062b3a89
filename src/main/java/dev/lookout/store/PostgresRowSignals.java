package dev.lookout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tells the other nodes which rows this node stored, on one channel per kind of row: pings on
 * {@value #PINGS} (a heartbeat monitor's pings may reach any node behind a load balancer, and the
 * node that owns the monitor must see them at once, postmortem 002), probes' results on
 * {@value #PROBE_RESULTS} (a probe may push to any of its servers). The notification is sent in
 * the transaction that stores the rows, so it is delivered when, and only if, they are
 * committed. A payload is this instance's id and the rows' ids; the nodes that hear it read the rows.
 */
final class PostgresRowSignals {
    static final String PINGS = "lookout_pings";
    static final String PROBE_RESULTS = "lookout_probe_results";
    /** PostgreSQL refuses payloads of 8000 bytes and more. */
    private static final int MAX_PAYLOAD = 7_500;

    private final String instance = UUID.randomUUID().toString();
    final String channel;

    PostgresRowSignals(String channel) {
        this.channel = channel;
    }

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
                    send(notify, channel, payload.toString());
                    payload = new StringBuilder(instance);
                }
                payload.append(part);
            }
            send(notify, channel, payload.toString());
        }
    }

    private static void send(PreparedStatement notify, String channel, String payload) throws SQLException {
        notify.setString(1, channel);
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
