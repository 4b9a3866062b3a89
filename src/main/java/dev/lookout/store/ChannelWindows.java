package dev.lookout.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The group window of each channel, shared by a cluster's senders (PostgreSQL; {@code
 * channel_windows}, V15): within one claiming transaction, a sender takes each channel that has
 * due notifications under a transaction-scoped advisory lock, skips those another sender holds or
 * whose window is not over, and, for the channels it claims, sets the next window to end one
 * group window from now: no two messages to a channel within a window, whichever nodes send them. Subscriber rows and retries of failed
 * deliveries are not grouped.
 */
final class ChannelWindows {
    private static final String SUBSCRIBER_PREFIX = "subscriber:";

    private static final String DUE_CHANNELS = """
            SELECT DISTINCT channel_id FROM notifications
            WHERE status = 'pending' AND due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
              AND channel_id NOT LIKE 'subscriber:%' AND attempts = 0
            """;

    /** The lock's first key tells Lookout's locks from others' on the same database. */
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('lookout.channel'), hashtext(?))";

    /** Read after the locks are held, in a statement of its own: it sees what the previous holder committed. */
    private static final String CLOSED = "SELECT channel_id FROM channel_windows WHERE channel_id = ANY(?) AND next_at > ?";

    private static final String OPEN_NEXT = """
            INSERT INTO channel_windows (channel_id, next_at) VALUES (?, ?)
            ON CONFLICT (channel_id) DO UPDATE SET next_at = excluded.next_at
            WHERE channel_windows.next_at < excluded.next_at
            """;

    private ChannelWindows() {
    }

    /** Whether a row of this channel is grouped (a configured channel, not a subscriber). */
    static boolean grouped(String channelId) {
        return !channelId.startsWith(SUBSCRIBER_PREFIX);
    }

    /** The channels with due rows that this transaction may send to now: locked here and past their window. */
    static Set<String> open(Connection connection, Instant now) throws SQLException {
        Set<String> locked = new HashSet<>();
        try (PreparedStatement due = connection.prepareStatement(DUE_CHANNELS);
             PreparedStatement lock = connection.prepareStatement(LOCK)) {
            due.setLong(1, now.toEpochMilli());
            due.setLong(2, now.toEpochMilli());
            List<String> channels = new java.util.ArrayList<>();
            try (ResultSet rows = due.executeQuery()) {
                while (rows.next()) {
                    channels.add(rows.getString(1));
                }
            }
            for (String channel : channels) {
                lock.setString(1, channel);
                try (ResultSet row = lock.executeQuery()) {
                    if (row.next() && row.getBoolean(1)) {
                        locked.add(channel);
                    }
                }
            }
        }
        if (locked.isEmpty()) {
            return locked;
        }
        try (PreparedStatement closed = connection.prepareStatement(CLOSED)) {
            Array ids = connection.createArrayOf("text", locked.toArray());
            closed.setArray(1, ids);
            closed.setLong(2, now.toEpochMilli());
            try (ResultSet rows = closed.executeQuery()) {
                while (rows.next()) {
                    locked.remove(rows.getString(1));
                }
            }
        }
        return locked;
    }

    /** The channels just claimed (a message to each goes now): none gets another before {@code nextAt}. */
    static void claimed(Connection connection, List<String> channels, Instant nextAt) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement(OPEN_NEXT)) {
            for (String channel : channels) {
                next.setString(1, channel);
                next.setLong(2, nextAt.toEpochMilli());
                next.addBatch();
            }
            next.executeBatch();
        }
    }
}
