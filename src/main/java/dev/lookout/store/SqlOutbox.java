package dev.lookout.store;

import dev.lookout.alert.AlertWrites;
import dev.lookout.alert.EpisodeRecord;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.Outbox;
import dev.lookout.alert.OutboxEntry;
import dev.lookout.evaluate.MassFailureGuard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link Outbox} in SQL, the same statements on SQLite and PostgreSQL. */
final class SqlOutbox implements Outbox {

    private static final String UPSERT_EPISODE = """
            INSERT INTO alert_episodes (id, monitor_id, started_at, down_at, state, resolved_at, acknowledged_at,
                                        acknowledged_by, silenced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                down_at         = coalesce(alert_episodes.down_at, excluded.down_at),
                state           = excluded.state,
                resolved_at     = coalesce(alert_episodes.resolved_at, excluded.resolved_at),
                acknowledged_at = coalesce(alert_episodes.acknowledged_at, excluded.acknowledged_at),
                acknowledged_by = coalesce(alert_episodes.acknowledged_by, excluded.acknowledged_by),
                silenced        = coalesce(alert_episodes.silenced, excluded.silenced)
            """;

    /** delivery_id is the column's default: a random UUID (V10). */
    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notifications (dedup_key, episode_id, channel_id, kind, body, action, urgent, created_at, due_at,
                                       status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
            ON CONFLICT (dedup_key) DO NOTHING
            """;

    private static final String COLUMNS = """
            id, delivery_id, dedup_key, episode_id, channel_id, kind, body, action, urgent, created_at, due_at, status, attempts,
            last_attempt_at, last_error, last_duration_ms, delivered_at""";

    /**
     * Claims with a lease, urgent rows first; {@code %s} is PostgreSQL's SKIP LOCKED, so that two
     * nodes never claim one row.
     */
    private static final String CLAIM = """
            UPDATE notifications SET claimed_by = ?, claimed_until = ?
            WHERE id IN (SELECT id FROM notifications
                         WHERE status = 'pending' AND due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                         ORDER BY urgent DESC, due_at, id
                         LIMIT ?%s)
            RETURNING\s""" + COLUMNS;

    /**
     * CLAIM, limited to subscriber rows, retries (a failed delivery goes again at its backoff, not
     * a window later), urgent rows and the channels whose group window is open ({@link ChannelWindows}).
     */
    private static final String CLAIM_GROUPED = """
            UPDATE notifications SET claimed_by = ?, claimed_until = ?
            WHERE id IN (SELECT id FROM notifications
                         WHERE status = 'pending' AND due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                           AND (channel_id LIKE 'subscriber:%%' OR attempts > 0 OR urgent OR channel_id = ANY(?))
                         ORDER BY urgent DESC, due_at, id
                         LIMIT ?%s)
            RETURNING\s""" + COLUMNS;

    private static final String DELIVERED = """
            UPDATE notifications
            SET status = 'delivered', delivered_at = ?, last_attempt_at = ?, attempts = attempts + 1,
                last_duration_ms = ?, last_error = NULL, claimed_by = NULL, claimed_until = NULL
            WHERE id = ?
            """;

    private static final String FAILED = """
            UPDATE notifications
            SET due_at = ?, last_attempt_at = ?, attempts = attempts + 1, last_error = ?, last_duration_ms = ?,
                claimed_by = NULL, claimed_until = NULL
            WHERE id = ? AND status = 'pending'
            """;

    private static final String DEAD = """
            UPDATE notifications
            SET status = 'dead', last_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
            WHERE id = ? AND status = 'pending'
            """;

    private static final String RETRY = """
            UPDATE notifications SET status = 'pending', due_at = ?, claimed_by = NULL, claimed_until = NULL
            WHERE id = ? AND status = 'dead'
            """;

    private static final String RELEASE = """
            UPDATE notifications SET claimed_by = NULL, claimed_until = NULL
            WHERE claimed_by = ? AND status = 'pending'
            """;

    /** The second parameter is true to take back only the rows of routes marked action. */
    private static final String WITHDRAW = """
            DELETE FROM notifications
            WHERE episode_id = ? AND (action OR NOT ?) AND status = 'pending' AND attempts = 0
              AND (claimed_until IS NULL OR claimed_until < ?)
            RETURNING dedup_key
            """;

    private static final String UPSERT_GUARD = """
            INSERT INTO mass_failure_guards (node, tripped_at, hold_until, members) VALUES (?, ?, ?, ?)
            ON CONFLICT (node) DO UPDATE SET tripped_at = excluded.tripped_at, hold_until = excluded.hold_until,
                                             members = excluded.members
            """;

    private static final String EPISODE_COLUMNS = """
            id, monitor_id, started_at, down_at, state, resolved_at, acknowledged_at, acknowledged_by, silenced""";

    private static final String ACKNOWLEDGE = """
            UPDATE alert_episodes SET acknowledged_at = ?, acknowledged_by = ?
            WHERE id = ? AND resolved_at IS NULL AND acknowledged_at IS NULL
            """;

    private static final String UNACKNOWLEDGE = """
            UPDATE alert_episodes SET acknowledged_at = NULL, acknowledged_by = NULL
            WHERE id = ? AND resolved_at IS NULL AND acknowledged_at IS NOT NULL
            """;

    private static final String UPSERT_LIVENESS = """
            INSERT INTO node_liveness (node, started_at, last_seen_at) VALUES (?, ?, ?)
            ON CONFLICT (node) DO UPDATE SET started_at = excluded.started_at, last_seen_at = excluded.last_seen_at
            """;

    private static final String INSERT_SECRET = """
            INSERT INTO lookout_secrets (name, value, created_at) VALUES (?, ?, ?)
            ON CONFLICT (name) DO NOTHING
            """;

    private final SqlTransactions transactions;
    private final Dialect dialect;

    SqlOutbox(SqlTransactions transactions, Dialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public void write(AlertWrites writes) {
        transactions.run("write notifications", connection -> {
            write(connection, List.of(writes));
            return null;
        });
    }

    /** Also called by the batch writer, inside the transaction that stores the state changes. */
    static void write(Connection connection, List<AlertWrites> all) throws SQLException {
        try (PreparedStatement episodes = connection.prepareStatement(UPSERT_EPISODE);
             PreparedStatement notifications = connection.prepareStatement(INSERT_NOTIFICATION);
             PreparedStatement guards = connection.prepareStatement(UPSERT_GUARD)) {
            boolean anyEpisode = false;
            boolean anyNotification = false;
            Map<String, MassFailureGuard.State> guardStates = new LinkedHashMap<>();
            for (AlertWrites writes : all) {
                if (writes.guard() != null) {
                    guardStates.put(writes.guard().node(), writes.guard().state()); // the newest of the batch
                }
                for (EpisodeRecord e : writes.episodes()) {
                    episodes.setString(1, e.id());
                    episodes.setString(2, e.monitorId());
                    episodes.setLong(3, e.startedAt().toEpochMilli());
                    SqlTransactions.setMillis(episodes, 4, e.downAt());
                    episodes.setString(5, e.state());
                    SqlTransactions.setMillis(episodes, 6, e.resolvedAt());
                    SqlTransactions.setMillis(episodes, 7, e.acknowledgedAt());
                    episodes.setString(8, e.acknowledgedBy());
                    episodes.setString(9, e.silenced());
                    episodes.addBatch();
                    anyEpisode = true;
                }
                for (OutboxEntry n : writes.notifications()) {
                    notifications.setString(1, n.dedupKey());
                    notifications.setString(2, n.episodeId());
                    notifications.setString(3, n.channelId());
                    notifications.setString(4, n.kind());
                    notifications.setString(5, n.body());
                    notifications.setBoolean(6, n.action());
                    notifications.setBoolean(7, n.urgent());
                    notifications.setLong(8, n.createdAt().toEpochMilli());
                    notifications.setLong(9, n.dueAt().toEpochMilli());
                    notifications.addBatch();
                    anyNotification = true;
                }
            }
            // Episodes first: in one batch each, an episode is created before a later one updates it.
            if (anyEpisode) {
                episodes.executeBatch();
            }
            if (anyNotification) {
                notifications.executeBatch();
            }
            for (var guard : guardStates.entrySet()) {
                guards.setString(1, guard.getKey());
                SqlTransactions.setMillis(guards, 2, guard.getValue().trippedAt());
                SqlTransactions.setMillis(guards, 3, guard.getValue().holdUntil());
                guards.setString(4, GuardJson.write(guard.getValue()));
                guards.addBatch();
            }
            if (!guardStates.isEmpty()) {
                guards.executeBatch();
            }
        }
    }

    @Override
    public List<NotificationRecord> claimDue(String node, Instant now, Duration lease, int limit, Duration groupWindow) {
        // SQLite is one node: its engine's group windows are the only ones.
        boolean grouped = dialect instanceof PostgresDialect && groupWindow.isPositive();
        String sql = (grouped ? CLAIM_GROUPED : CLAIM).formatted(dialect.skipLockedClause());
        return transactions.run("claim due notifications", connection -> {
            java.util.Set<String> open = grouped ? ChannelWindows.open(connection, now) : java.util.Set.of();
            try (PreparedStatement claim = connection.prepareStatement(sql)) {
                int i = 1;
                claim.setString(i++, node);
                claim.setLong(i++, now.plus(lease).toEpochMilli());
                claim.setLong(i++, now.toEpochMilli());
                claim.setLong(i++, now.toEpochMilli());
                if (grouped) {
                    claim.setArray(i++, connection.createArrayOf("text", open.toArray()));
                }
                claim.setInt(i, limit);
                List<NotificationRecord> out = new ArrayList<>();
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        out.add(notification(rows));
                    }
                }
                out.sort(java.util.Comparator.comparing((NotificationRecord n) -> !n.urgent()).thenComparing(NotificationRecord::dueAt)
                        .thenComparingLong(NotificationRecord::id));
                if (grouped) {
                    ChannelWindows.claimed(connection, out.stream().filter(n -> ChannelWindows.grouped(n.channelId())
                            && n.attempts() == 0).map(NotificationRecord::channelId).distinct().toList(), now.plus(groupWindow));
                }
                return out;
            }
        });
    }

    @Override
    public int releaseClaimsExcept(java.util.Collection<String> liveNodes, Instant now) {
        String placeholders = String.join(", ", java.util.Collections.nCopies(Math.max(1, liveNodes.size()), "?"));
        String sql = "UPDATE notifications SET claimed_by = NULL, claimed_until = NULL WHERE status = 'pending'"
                + " AND claimed_by IS NOT NULL AND claimed_until >= ? AND claimed_by NOT IN (" + placeholders + ")";
        return transactions.run("release the claims of nodes that died", connection -> {
            try (PreparedStatement release = connection.prepareStatement(sql)) {
                release.setLong(1, now.toEpochMilli());
                int i = 2;
                for (String node : liveNodes.isEmpty() ? List.of("") : liveNodes) {
                    release.setString(i++, node);
                }
                return release.executeUpdate();
            }
        });
    }

    @Override
    public void delivered(List<Long> ids, Instant at, long durationMs) {
        update("mark notifications delivered", DELIVERED, ids, (statement, id) -> {
            statement.setLong(1, at.toEpochMilli());
            statement.setLong(2, at.toEpochMilli());
            statement.setLong(3, durationMs);
            statement.setLong(4, id);
        });
    }

    @Override
    public void failed(List<Long> ids, Instant at, String error, Instant nextAttempt, long durationMs) {
        update("record a failed delivery", FAILED, ids, (statement, id) -> {
            statement.setLong(1, nextAttempt.toEpochMilli());
            statement.setLong(2, at.toEpochMilli());
            statement.setString(3, error);
            statement.setLong(4, durationMs);
            statement.setLong(5, id);
        });
    }

    @Override
    public void dead(List<Long> ids, Instant at, String error) {
        update("dead-letter notifications", DEAD, ids, (statement, id) -> {
            statement.setLong(1, at.toEpochMilli());
            statement.setString(2, error);
            statement.setLong(3, id);
        });
    }

    @Override
    public boolean retry(long id, Instant now) {
        return transactions.run("retry a dead notification", connection -> {
            try (PreparedStatement update = connection.prepareStatement(RETRY)) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int releaseClaims(String node) {
        return transactions.run("release claims", connection -> {
            try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
                release.setString(1, node);
                return release.executeUpdate();
            }
        });
    }

    @Override
    public List<String> withdraw(String episodeId, boolean onlyActions, Instant now) {
        return transactions.run("withdraw notifications", connection -> {
            try (PreparedStatement withdraw = connection.prepareStatement(WITHDRAW)) {
                withdraw.setString(1, episodeId);
                withdraw.setBoolean(2, onlyActions);
                withdraw.setLong(3, now.toEpochMilli());
                List<String> keys = new ArrayList<>();
                try (ResultSet rs = withdraw.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                return keys;
            }
        });
    }

    @Override
    public List<NotificationRecord> notifications(String status, String episodeId, NotificationKey after, int limit) {
        // Only the conditions given, so that the planner picks the episode's or the status's index: with
        // "? IS NULL OR ..." SQLite walked every notification by time (the alerts page asks once per open episode).
        List<Object> given = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            given.add(status);
        }
        if (episodeId != null) {
            conditions.add("episode_id = ?");
            given.add(episodeId);
        }
        if (after != null) {
            long at = after.createdAt().toEpochMilli();
            conditions.add("(created_at < ? OR (created_at = ? AND id < ?))");
            given.addAll(List.of(at, at, after.id()));
        }
        String sql = "SELECT " + COLUMNS + " FROM notifications"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        return transactions.run("read notifications", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < given.size(); i++) {
                    select.setObject(i + 1, given.get(i));
                }
                select.setInt(given.size() + 1, limit);
                List<NotificationRecord> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(notification(rows));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<NotificationRecord> notificationsTo(String channelId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM notifications WHERE channel_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";
        return transactions.run("read a channel's notifications", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, channelId);
                select.setInt(2, limit);
                List<NotificationRecord> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(notification(rows));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<EpisodeRecord> openEpisodes() {
        return episodes("SELECT " + EPISODE_COLUMNS + " FROM alert_episodes WHERE resolved_at IS NULL ORDER BY started_at",
                statement -> { });
    }

    @Override
    public Optional<EpisodeRecord> episode(String id) {
        return episodes("SELECT " + EPISODE_COLUMNS + " FROM alert_episodes WHERE id = ?", s -> s.setString(1, id))
                .stream().findFirst();
    }

    @Override
    public List<EpisodeRecord> episodes(String monitorId, EpisodeKey after, int limit) {
        return episodes("SELECT " + EPISODE_COLUMNS + " FROM alert_episodes WHERE (CAST(? AS TEXT) IS NULL OR monitor_id = ?)"
                + " AND (CAST(? AS BIGINT) IS NULL OR started_at < ? OR (started_at = ? AND id < ?))"
                + " ORDER BY started_at DESC, id DESC LIMIT ?", s -> {
                    s.setString(1, monitorId);
                    s.setString(2, monitorId);
                    Long at = after == null ? null : after.startedAt().toEpochMilli();
                    for (int i = 3; i <= 5; i++) {
                        s.setObject(i, at, java.sql.Types.BIGINT);
                    }
                    s.setString(6, after == null ? null : after.id());
                    s.setInt(7, limit);
                });
    }

    @Override
    public boolean acknowledge(String episodeId, Instant at, String by) {
        return transactions.run("acknowledge an episode", connection -> {
            try (PreparedStatement update = connection.prepareStatement(ACKNOWLEDGE)) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, by);
                update.setString(3, episodeId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean unacknowledge(String episodeId) {
        return transactions.run("take back an acknowledgement", connection -> {
            try (PreparedStatement update = connection.prepareStatement(UNACKNOWLEDGE)) {
                update.setString(1, episodeId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public MassFailureGuard.State massFailureGuard(String node) {
        return transactions.run("read the mass-failure guard", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT tripped_at, hold_until, members FROM mass_failure_guards WHERE node = ?")) {
                select.setString(1, node);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? GuardJson.read(SqlTransactions.instant(rows, "tripped_at"),
                            SqlTransactions.instant(rows, "hold_until"), rows.getString("members"))
                            : MassFailureGuard.State.INACTIVE;
                }
            }
        });
    }

    @Override
    public java.util.Map<String, Instant> heldByGuards(Instant aliveSince) {
        return transactions.run("read the mass-failure guards", connection -> {
            java.util.Map<String, Instant> held = new java.util.HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT tripped_at, hold_until, members FROM mass_failure_guards WHERE tripped_at IS NOT NULL"
                            + " AND node IN (SELECT node FROM node_liveness WHERE last_seen_at >= ?)")) {
                select.setLong(1, aliveSince.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        MassFailureGuard.State state = GuardJson.read(SqlTransactions.instant(rows, "tripped_at"),
                                SqlTransactions.instant(rows, "hold_until"), rows.getString("members"));
                        for (String member : state.unconfirmed()) {
                            held.merge(member, state.trippedAt(), (a, b) -> a.isBefore(b) ? a : b);
                        }
                    }
                }
            }
            return held;
        });
    }

    @Override
    public Optional<Instant> lastSeen(String node) {
        return transactions.run("read node liveness", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT last_seen_at FROM node_liveness WHERE node = ?")) {
                select.setString(1, node);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public void seen(String node, Instant startedAt, Instant at) {
        transactions.run("write node liveness", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_LIVENESS)) {
                upsert.setString(1, node);
                upsert.setLong(2, startedAt.toEpochMilli());
                upsert.setLong(3, at.toEpochMilli());
                upsert.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public String secret(String name, Supplier<String> create) {
        return transactions.run("read a secret", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_SECRET)) {
                insert.setString(1, name);
                insert.setString(2, create.get());
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate(); // a concurrent first start keeps whichever came first
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT value FROM lookout_secrets WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface IdBinder {
        void bind(PreparedStatement statement, long id) throws SQLException;
    }

    private List<EpisodeRecord> episodes(String sql, Binder binder) {
        return transactions.run("read episodes", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                binder.bind(select);
                List<EpisodeRecord> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(new EpisodeRecord(rows.getString("id"), rows.getString("monitor_id"),
                                SqlTransactions.instant(rows, "started_at"), SqlTransactions.instant(rows, "down_at"),
                                rows.getString("state"), SqlTransactions.instant(rows, "resolved_at"),
                                SqlTransactions.instant(rows, "acknowledged_at"), rows.getString("acknowledged_by"),
                                rows.getString("silenced")));
                    }
                }
                return out;
            }
        });
    }

    private void update(String what, String sql, List<Long> ids, IdBinder binder) {
        if (ids.isEmpty()) {
            return;
        }
        transactions.run(what, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (long id : ids) {
                    binder.bind(update, id);
                    update.addBatch();
                }
                update.executeBatch();
                return null;
            }
        });
    }

    private static NotificationRecord notification(ResultSet rows) throws SQLException {
        long duration = rows.getLong("last_duration_ms");
        Long lastDuration = rows.wasNull() ? null : duration;
        return new NotificationRecord(rows.getLong("id"), rows.getString("delivery_id"), rows.getString("dedup_key"), rows.getString("episode_id"),
                rows.getString("channel_id"), rows.getString("kind"), rows.getString("body"), rows.getBoolean("action"),
                rows.getBoolean("urgent"), SqlTransactions.instant(rows, "created_at"), SqlTransactions.instant(rows, "due_at"), rows.getString("status"),
                rows.getInt("attempts"), SqlTransactions.instant(rows, "last_attempt_at"), rows.getString("last_error"),
                lastDuration, SqlTransactions.instant(rows, "delivered_at"));
    }
}
