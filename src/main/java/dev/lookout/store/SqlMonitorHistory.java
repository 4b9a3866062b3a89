package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.incident.MonitorHistory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reads behind a postmortem timeline, the same statements on SQLite and PostgreSQL. Each uses
 * an index of V1/V4 ({@code state_events (monitor_id, at)}, {@code check_results (monitor_id,
 * started_at)}, {@code alert_episodes (monitor_id, started_at)}, {@code notifications
 * (episode_id)}); the first problem result is found by walking one monitor's results in time
 * order from the window's start, which stops at the first match (see docs/rationale.md).
 */
final class SqlMonitorHistory implements MonitorHistory {

    private static final String STATE_CHANGES = """
            SELECT monitor_id, at, from_state, to_state, cause
            FROM state_events
            WHERE monitor_id IN (%s) AND at >= ? AND at <= ?
            ORDER BY at, id
            LIMIT ?
            """;

    private static final String FIRST_RESULT = """
            SELECT monitor_id, started_at, outcome, message, dns_us, connect_us, tls_us, first_byte_us, total_us,
                   conditions
            FROM check_results
            WHERE monitor_id = ? AND started_at >= ? AND started_at <= ? AND outcome IN (%s) AND probe_seq IS NULL AND vantage IS NULL
            ORDER BY started_at, id
            LIMIT 1
            """;

    private static final String EPISODES = """
            SELECT id, monitor_id, started_at, resolved_at, acknowledged_at, acknowledged_by
            FROM alert_episodes
            WHERE monitor_id IN (%s) AND started_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?)
            ORDER BY started_at, id
            LIMIT ?
            """;

    private static final String NOTIFICATIONS = """
            SELECT episode_id, channel_id, kind, created_at, status, attempts, last_attempt_at, last_error, delivered_at
            FROM notifications
            WHERE episode_id IN (%s)
            ORDER BY created_at, id
            """;

    private final SqlTransactions transactions;
    private final ResultJson json = new ResultJson();

    SqlMonitorHistory(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<StateChange> stateChanges(Collection<String> monitorIds, Instant from, Instant to, int limit) {
        if (monitorIds.isEmpty()) {
            return List.of();
        }
        return transactions.run("read state changes", connection -> {
            try (PreparedStatement select = connection.prepareStatement(STATE_CHANGES.formatted(placeholders(monitorIds.size())))) {
                int i = bindAll(select, 1, monitorIds);
                select.setLong(i, from.toEpochMilli());
                select.setLong(i + 1, to.toEpochMilli());
                select.setInt(i + 2, limit);
                List<StateChange> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(new StateChange(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
                                MonitorState.valueOf(rows.getString(3)), MonitorState.valueOf(rows.getString(4)),
                                json.cause(rows.getString(5))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<CheckResult> firstResult(String monitorId, Set<Outcome> outcomes, Instant from, Instant to) {
        if (outcomes.isEmpty()) {
            return Optional.empty();
        }
        return transactions.run("read the first result of " + monitorId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIRST_RESULT.formatted(placeholders(outcomes.size())))) {
                select.setString(1, monitorId);
                select.setLong(2, from.toEpochMilli());
                select.setLong(3, to.toEpochMilli());
                bindAll(select, 4, outcomes.stream().map(Outcome::name).sorted().toList());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<CheckResult>empty();
                    }
                    return Optional.of(new CheckResult(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
                            Outcome.valueOf(rows.getString(3)), rows.getString(4),
                            new Timings(rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getLong(9)),
                            json.conditions(rows.getString(10))));
                }
            }
        });
    }

    @Override
    public List<AlertEpisode> episodes(Collection<String> monitorIds, Instant from, Instant to, int limit) {
        if (monitorIds.isEmpty()) {
            return List.of();
        }
        return transactions.run("read alert episodes", connection -> {
            record Row(String id, String monitorId, Instant startedAt, Instant resolvedAt, Instant acknowledgedAt,
                       String acknowledgedBy) {
            }
            List<Row> episodes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(EPISODES.formatted(placeholders(monitorIds.size())))) {
                int i = bindAll(select, 1, monitorIds);
                select.setLong(i, to.toEpochMilli());
                select.setLong(i + 1, from.toEpochMilli());
                select.setInt(i + 2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        episodes.add(new Row(rows.getString("id"), rows.getString("monitor_id"),
                                SqlTransactions.instant(rows, "started_at"), SqlTransactions.instant(rows, "resolved_at"),
                                SqlTransactions.instant(rows, "acknowledged_at"), rows.getString("acknowledged_by")));
                    }
                }
            }
            if (episodes.isEmpty()) {
                return List.<AlertEpisode>of();
            }
            Map<String, List<Notification>> notifications = new HashMap<>();
            List<String> ids = episodes.stream().map(Row::id).toList();
            try (PreparedStatement select = connection.prepareStatement(NOTIFICATIONS.formatted(placeholders(ids.size())))) {
                bindAll(select, 1, ids);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        notifications.computeIfAbsent(rows.getString("episode_id"), e -> new ArrayList<>()).add(
                                new Notification(rows.getString("channel_id"), rows.getString("kind"),
                                        SqlTransactions.instant(rows, "created_at"), rows.getString("status"),
                                        rows.getInt("attempts"), SqlTransactions.instant(rows, "last_attempt_at"),
                                        rows.getString("last_error"), SqlTransactions.instant(rows, "delivered_at")));
                    }
                }
            }
            return episodes.stream().map(e -> new AlertEpisode(e.id(), e.monitorId(), e.startedAt(), e.resolvedAt(),
                    e.acknowledgedAt(), e.acknowledgedBy(), notifications.getOrDefault(e.id(), List.of()))).toList();
        });
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Binds the values as strings from parameter {@code first}; returns the index of the next parameter. */
    private static int bindAll(PreparedStatement statement, int first, Collection<String> values) throws SQLException {
        int i = first;
        for (String value : values) {
            statement.setString(i++, value);
        }
        return i;
    }
}
