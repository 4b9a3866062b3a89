package dev.lookout.store;

import dev.lookout.control.MonitorControl;
import dev.lookout.control.MonitorControlRepository;
import dev.lookout.control.Pause;
import dev.lookout.control.Silence;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link MonitorControlRepository} in SQL, the same statements on SQLite and PostgreSQL (V27). */
final class SqlMonitorControls implements MonitorControlRepository {

    private static final String ALL = """
            SELECT monitor_id, paused_reason, paused_by, paused_at, paused_until, silenced_reason, silenced_by, silenced_at,
                   silenced_until, check_requested_at, check_requested_by
            FROM monitor_controls
            """;

    private static final String PAUSE = """
            INSERT INTO monitor_controls (monitor_id, paused_reason, paused_by, paused_at, paused_until)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (monitor_id) DO UPDATE SET paused_reason = excluded.paused_reason, paused_by = excluded.paused_by,
                paused_at = excluded.paused_at, paused_until = excluded.paused_until
            """;

    private static final String RESUME = """
            UPDATE monitor_controls SET paused_reason = NULL, paused_by = NULL, paused_at = NULL, paused_until = NULL
            WHERE monitor_id = ? AND paused_at IS NOT NULL
            """;

    private static final String SILENCE = """
            INSERT INTO monitor_controls (monitor_id, silenced_reason, silenced_by, silenced_at, silenced_until)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (monitor_id) DO UPDATE SET silenced_reason = excluded.silenced_reason,
                silenced_by = excluded.silenced_by, silenced_at = excluded.silenced_at, silenced_until = excluded.silenced_until
            """;

    private static final String UNSILENCE = """
            UPDATE monitor_controls SET silenced_reason = NULL, silenced_by = NULL, silenced_at = NULL, silenced_until = NULL
            WHERE monitor_id = ? AND silenced_until IS NOT NULL
            """;

    private static final String REQUEST_CHECK = """
            INSERT INTO monitor_controls (monitor_id, check_requested_at, check_requested_by)
            VALUES (?, ?, ?)
            ON CONFLICT (monitor_id) DO UPDATE SET check_requested_at = excluded.check_requested_at,
                check_requested_by = excluded.check_requested_by
            """;

    /** Only the request that was run: one asked for meanwhile stays. */
    private static final String CHECK_STARTED = """
            UPDATE monitor_controls SET check_requested_at = NULL, check_requested_by = NULL
            WHERE monitor_id = ? AND check_requested_at = ?
            """;

    private static final String CLEAR_ENDED_PAUSES = """
            UPDATE monitor_controls SET paused_reason = NULL, paused_by = NULL, paused_at = NULL, paused_until = NULL
            WHERE paused_until <= ?
            """;

    private static final String CLEAR_ENDED_SILENCES = """
            UPDATE monitor_controls SET silenced_reason = NULL, silenced_by = NULL, silenced_at = NULL, silenced_until = NULL
            WHERE silenced_until <= ?
            """;

    private final SqlTransactions transactions;

    SqlMonitorControls(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<MonitorControl> all() {
        return transactions.run("read the monitors' controls", connection -> {
            List<MonitorControl> out = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(ALL); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant pausedAt = SqlTransactions.instant(rows, "paused_at");
                    Instant silencedUntil = SqlTransactions.instant(rows, "silenced_until");
                    Pause pause = pausedAt == null ? null : new Pause(rows.getString("paused_reason"), rows.getString("paused_by"),
                            pausedAt, SqlTransactions.instant(rows, "paused_until"));
                    Silence silence = silencedUntil == null ? null : new Silence(rows.getString("silenced_reason"),
                            rows.getString("silenced_by"), SqlTransactions.instant(rows, "silenced_at"), silencedUntil);
                    Instant requested = SqlTransactions.instant(rows, "check_requested_at");
                    if (pause != null || silence != null || requested != null) {
                        out.add(new MonitorControl(rows.getString("monitor_id"), pause, silence, requested,
                                rows.getString("check_requested_by")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void pause(String monitorId, Pause pause) {
        write("pause monitor " + monitorId, PAUSE, statement -> {
            statement.setString(1, monitorId);
            statement.setString(2, pause.reason());
            statement.setString(3, pause.by());
            statement.setLong(4, pause.at().toEpochMilli());
            SqlTransactions.setMillis(statement, 5, pause.until());
        });
    }

    @Override
    public boolean resume(String monitorId) {
        return write("resume monitor " + monitorId, RESUME, statement -> statement.setString(1, monitorId)) > 0;
    }

    @Override
    public void silence(String monitorId, Silence silence) {
        write("silence monitor " + monitorId, SILENCE, statement -> {
            statement.setString(1, monitorId);
            statement.setString(2, silence.reason());
            statement.setString(3, silence.by());
            statement.setLong(4, silence.at().toEpochMilli());
            statement.setLong(5, silence.until().toEpochMilli());
        });
    }

    @Override
    public boolean unsilence(String monitorId) {
        return write("end the silence of monitor " + monitorId, UNSILENCE, statement -> statement.setString(1, monitorId)) > 0;
    }

    @Override
    public void requestCheck(String monitorId, Instant at, String by) {
        write("ask for a check of monitor " + monitorId, REQUEST_CHECK, statement -> {
            statement.setString(1, monitorId);
            statement.setLong(2, at.toEpochMilli());
            statement.setString(3, by);
        });
    }

    @Override
    public void checkStarted(String monitorId, Instant requestedAt) {
        write("clear the check asked for of monitor " + monitorId, CHECK_STARTED, statement -> {
            statement.setString(1, monitorId);
            statement.setLong(2, requestedAt.toEpochMilli());
        });
    }

    @Override
    public int clearEnded(Instant now) {
        return write("clear ended pauses", CLEAR_ENDED_PAUSES, statement -> statement.setLong(1, now.toEpochMilli()))
                + write("clear ended silences", CLEAR_ENDED_SILENCES, statement -> statement.setLong(1, now.toEpochMilli()));
    }

    private interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** One statement; how many rows it changed. */
    private int write(String what, String sql, Binding binding) {
        return transactions.run(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binding.bind(statement);
                return statement.executeUpdate();
            }
        });
    }
}
