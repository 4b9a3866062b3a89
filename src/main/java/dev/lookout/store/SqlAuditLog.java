package dev.lookout.store;

import dev.lookout.audit.AuditEntry;
import dev.lookout.audit.AuditLog;
import dev.lookout.audit.AuditQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link AuditLog} in SQL, the same statements on SQLite and PostgreSQL. */
final class SqlAuditLog implements AuditLog {

    private static final String INSERT = """
            INSERT INTO audit_log (at, actor, address, action, object_type, object_id, before_json, after_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """;

    private static final String SELECT = """
            SELECT id, at, actor, address, action, object_type, object_id, before_json, after_json
            FROM audit_log
            WHERE 1 = 1
            """;

    /** Each optional filter of a query, appended when it is given. */
    private static final String BY_ACTOR = " AND actor = ?";
    /** LIKE with {@code \\} as the escape, so that a searched {@code %} or {@code _} means itself. */
    private static final String BY_ACTION = " AND action LIKE ? ESCAPE '\\'";
    private static final String BY_TYPE = " AND object_type = ?";
    private static final String BY_ID = " AND object_id = ?";
    private static final String FROM = " AND at >= ?";
    private static final String UNTIL = " AND at < ?";
    private static final String BEFORE = " AND id < ?";
    private static final String NEWEST_FIRST = " ORDER BY id DESC LIMIT ?";

    private static final String PURGE = "DELETE FROM audit_log WHERE at < ?";

    private final SqlTransactions transactions;

    SqlAuditLog(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public AuditEntry record(AuditEntry entry) {
        return transactions.run("record an audit entry", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, entry.at().toEpochMilli());
                insert.setString(2, entry.actor());
                text(insert, 3, entry.address());
                insert.setString(4, entry.action());
                text(insert, 5, entry.objectType());
                text(insert, 6, entry.objectId());
                text(insert, 7, entry.before());
                text(insert, 8, entry.after());
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return new AuditEntry(rows.getLong(1), Instant.ofEpochMilli(entry.at().toEpochMilli()), entry.actor(),
                            entry.address(), entry.action(), entry.objectType(), entry.objectId(), entry.before(),
                            entry.after());
                }
            }
        });
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> values = new ArrayList<>();
        add(sql, values, BY_ACTOR, query.actor());
        add(sql, values, BY_ACTION, query.action() == null ? null : "%" + query.action().replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%");
        add(sql, values, BY_TYPE, query.objectType());
        add(sql, values, BY_ID, query.objectId());
        add(sql, values, FROM, query.from() == null ? null : query.from().toEpochMilli());
        add(sql, values, UNTIL, query.until() == null ? null : query.until().toEpochMilli());
        add(sql, values, BEFORE, query.before());
        sql.append(NEWEST_FIRST);
        values.add((long) query.limit());
        return transactions.run("read the audit log", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(new AuditEntry(rows.getLong("id"), Instant.ofEpochMilli(rows.getLong("at")),
                                rows.getString("actor"), rows.getString("address"), rows.getString("action"),
                                rows.getString("object_type"), rows.getString("object_id"), rows.getString("before_json"),
                                rows.getString("after_json")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int purgeBefore(Instant before) {
        return transactions.run("purge the audit log", connection -> {
            try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
                purge.setLong(1, before.toEpochMilli());
                return purge.executeUpdate();
            }
        });
    }

    private static void add(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            values.add(value);
        }
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
