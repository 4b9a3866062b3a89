package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.probe.ProbeRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** {@link ProbeRegistry} in SQL, the same statements on SQLite and PostgreSQL. */
final class SqlProbeRegistry implements ProbeRegistry {

    private static final String TOKEN_COLUMNS = "id, probe, created_at, revoked_at, last_used_at, last_address";

    private static final String INSERT_TOKEN = """
            INSERT INTO probe_tokens (probe, token_sha256, created_at) VALUES (?, ?, ?)
            RETURNING id
            """;

    private static final String SELECT_TOKENS = "SELECT " + TOKEN_COLUMNS + " FROM probe_tokens ORDER BY id DESC";

    private static final String SELECT_TOKEN_BY_HASH = "SELECT " + TOKEN_COLUMNS + " FROM probe_tokens WHERE token_sha256 = ?";

    private static final String REVOKE = "UPDATE probe_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";

    private static final String REVOKE_ALL = "UPDATE probe_tokens SET revoked_at = ? WHERE probe = ? AND revoked_at IS NULL";

    private static final String TOKEN_USED = """
            UPDATE probe_tokens SET last_used_at = ?, last_address = ? WHERE id = ?
            """;

    private static final String PROBE_COLUMNS = "name, acked_seq, last_seen_at, last_node, last_address, dropped, silent_since";

    private static final String ENSURE_PROBE = "INSERT INTO probes (name) VALUES (?) ON CONFLICT (name) DO NOTHING";

    private static final String PROBE_HEARD = """
            UPDATE probes SET last_seen_at = ?, last_node = ?, last_address = ? WHERE name = ?
            """;

    private static final String SELECT_PROBES = "SELECT " + PROBE_COLUMNS + " FROM probes ORDER BY name";

    private static final String SELECT_PROBE = "SELECT " + PROBE_COLUMNS + " FROM probes WHERE name = ?";

    /** The probe's row stays locked until the batch commits: a replay of it on another node waits, then finds it stored. */
    private static final String ACKED_SEQ = "SELECT acked_seq FROM probes WHERE name = ?";

    /** The unique (node, probe_seq) index of V20 makes a second copy a no-op, whatever the acked_seq said. */
    private static final String INSERT_RESULT = """
            INSERT INTO check_results (monitor_id, node, started_at, outcome, message,
                                       dns_us, connect_us, tls_us, first_byte_us, total_us, conditions, probe_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING id
            """;

    private static final String BATCH_STORED = """
            UPDATE probes SET acked_seq = ?, dropped = ?, last_seen_at = ?, last_node = ?, last_address = ? WHERE name = ?
            """;

    private static final String MARK_SILENT = """
            UPDATE probes SET silent_since = ? WHERE name = ? AND silent_since IS NULL
            """;

    private static final String SILENT_SINCE = "SELECT silent_since FROM probes WHERE name = ?";

    private static final String MARK_HEARD = "UPDATE probes SET silent_since = NULL WHERE name = ? AND silent_since IS NOT NULL";

    private static final String RESULTS_BY_ID = """
            SELECT monitor_id, started_at, outcome, message, dns_us, connect_us, tls_us, first_byte_us, total_us,
                   conditions, node
            FROM check_results WHERE id = ANY(?) ORDER BY id
            """;

    private final SqlTransactions transactions;
    private final Dialect dialect;
    private final ResultJson json = new ResultJson();
    /** Null on a database only one node uses. */
    private final PostgresRowSignals signals;
    private final Supplier<PostgresListener> listener;

    /**
     * @param signals  tells other nodes which results were stored; null on SQLite
     * @param listener the store's LISTEN connection; null on SQLite
     */
    SqlProbeRegistry(SqlTransactions transactions, Dialect dialect, PostgresRowSignals signals,
                     Supplier<PostgresListener> listener) {
        this.transactions = transactions;
        this.dialect = dialect;
        this.signals = signals;
        this.listener = listener;
    }

    @Override
    public long addToken(String probe, String sha256, Instant at) {
        return transactions.run("add a token of probe " + probe, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_TOKEN)) {
                insert.setString(1, probe);
                insert.setString(2, sha256);
                insert.setLong(3, at.toEpochMilli());
                try (ResultSet keys = insert.executeQuery()) {
                    if (!keys.next()) {
                        throw new SQLException("the new token's id was not returned");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Token> tokens() {
        return transactions.run("list the probe tokens", connection -> select(connection, SELECT_TOKENS, s -> {
        }, SqlProbeRegistry::token));
    }

    @Override
    public Optional<Token> tokenByHash(String sha256) {
        return transactions.run("find a probe token", connection -> select(connection, SELECT_TOKEN_BY_HASH,
                s -> s.setString(1, sha256), SqlProbeRegistry::token)).stream().findFirst();
    }

    @Override
    public boolean revoke(long id, Instant at) {
        return transactions.run("revoke probe token " + id, connection -> update(connection, REVOKE, s -> {
            s.setLong(1, at.toEpochMilli());
            s.setLong(2, id);
        }) == 1);
    }

    @Override
    public int revokeAll(String probe, Instant at) {
        return transactions.run("revoke the tokens of probe " + probe, connection -> update(connection, REVOKE_ALL, s -> {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, probe);
        }));
    }

    @Override
    public void heard(long tokenId, String probe, Instant at, String node, String address) {
        transactions.run("note a request of probe " + probe, connection -> {
            update(connection, TOKEN_USED, s -> {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, address);
                s.setLong(3, tokenId);
            });
            update(connection, ENSURE_PROBE, s -> s.setString(1, probe));
            return update(connection, PROBE_HEARD, s -> {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, node);
                s.setString(3, address);
                s.setString(4, probe);
            });
        });
    }

    @Override
    public Optional<Probe> probe(String name) {
        return transactions.run("read probe " + name, connection -> select(connection, SELECT_PROBE,
                s -> s.setString(1, name), SqlProbeRegistry::probe)).stream().findFirst();
    }

    @Override
    public List<Probe> probes() {
        return transactions.run("read the probes", connection -> select(connection, SELECT_PROBES, s -> {
        }, SqlProbeRegistry::probe));
    }

    @Override
    public Stored store(String probe, List<Numbered> results, Set<String> assigned, long dropped, Instant at, String node,
                        String address) {
        return transactions.run("store " + results.size() + " results of probe " + probe, connection -> {
            update(connection, ENSURE_PROBE, s -> s.setString(1, probe));
            long acked = select(connection, ACKED_SEQ + dialect.lockRowsClause(), s -> s.setString(1, probe),
                    rows -> rows.getLong(1)).getFirst();
            List<CheckResult> stored = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            int duplicates = 0;
            int ignored = 0;
            long highest = acked;
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RESULT)) {
                for (Numbered numbered : results) {
                    highest = Math.max(highest, numbered.seq());
                    CheckResult r = numbered.result();
                    if (numbered.seq() <= acked) {
                        duplicates++;
                        continue;
                    }
                    if (!assigned.contains(r.monitorId())) {
                        ignored++;
                        continue;
                    }
                    bind(insert, probe, numbered);
                    try (ResultSet inserted = insert.executeQuery()) {
                        if (!inserted.next()) {
                            duplicates++;
                            continue;
                        }
                        ids.add(inserted.getLong(1));
                    }
                    stored.add(r);
                }
            }
            long ackedSeq = highest;
            update(connection, BATCH_STORED, s -> {
                s.setLong(1, ackedSeq);
                s.setLong(2, dropped);
                s.setLong(3, at.toEpochMilli());
                s.setString(4, node);
                s.setString(5, address);
                s.setString(6, probe);
            });
            if (signals != null) {
                signals.announce(connection, ids);
            }
            return new Stored(ackedSeq, stored, duplicates, ignored);
        });
    }

    private void bind(PreparedStatement insert, String probe, Numbered numbered) throws SQLException {
        CheckResult r = numbered.result();
        Timings t = r.timings();
        insert.setString(1, r.monitorId());
        insert.setString(2, probe);
        insert.setLong(3, r.startedAt().toEpochMilli());
        insert.setString(4, r.outcome().name());
        insert.setString(5, r.message());
        insert.setLong(6, t.dnsMicros());
        insert.setLong(7, t.connectMicros());
        insert.setLong(8, t.tlsMicros());
        insert.setLong(9, t.firstByteMicros());
        insert.setLong(10, t.totalMicros());
        insert.setString(11, json.conditions(r.conditions()));
        insert.setLong(12, numbered.seq());
    }

    @Override
    public boolean markSilent(String probe, Instant since) {
        return transactions.run("mark probe " + probe + " silent", connection -> {
            update(connection, ENSURE_PROBE, s -> s.setString(1, probe));
            return update(connection, MARK_SILENT, s -> {
                s.setLong(1, since.toEpochMilli());
                s.setString(2, probe);
            }) == 1;
        });
    }

    @Override
    public Optional<Instant> markHeard(String probe) {
        return transactions.run("mark probe " + probe + " heard", connection -> {
            Optional<Instant> since = select(connection, SILENT_SINCE + dialect.lockRowsClause(), s -> s.setString(1, probe),
                    rows -> SqlTransactions.instant(rows, "silent_since")).stream().filter(java.util.Objects::nonNull)
                    .findFirst();
            return update(connection, MARK_HEARD, s -> s.setString(1, probe)) == 1 ? since : Optional.empty();
        });
    }

    @Override
    public void onStoredElsewhere(StoredElsewhere results) {
        if (signals == null) {
            return;
        }
        listener.get().listen(signals.channel, new PostgresListener.Handler() {
            @Override
            public void heard(String payload) {
                List<Long> ids = signals.idsFromOthers(payload);
                if (ids.isEmpty()) {
                    return;
                }
                Map<String, List<CheckResult>> byProbe = new LinkedHashMap<>();
                transactions.run("read " + ids.size() + " probe results stored by other nodes", connection -> select(
                        connection, RESULTS_BY_ID, s -> s.setArray(1, s.getConnection().createArrayOf("bigint", ids.toArray())),
                        rows -> {
                            byProbe.computeIfAbsent(rows.getString(11), p -> new ArrayList<>()).add(result(rows));
                            return null;
                        }));
                byProbe.forEach(results::received);
            }

            @Override
            public void listening() {
                // What was stored while nobody listened is in the database: the verdicts read it with their own catch-up.
            }
        });
    }

    private CheckResult result(ResultSet rows) throws SQLException {
        return new CheckResult(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), Outcome.valueOf(rows.getString(3)),
                rows.getString(4), new Timings(rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8),
                rows.getLong(9)), json.conditions(rows.getString(10)));
    }

    private static Token token(ResultSet rows) throws SQLException {
        return new Token(rows.getLong("id"), rows.getString("probe"), SqlTransactions.instant(rows, "created_at"),
                SqlTransactions.instant(rows, "revoked_at"), SqlTransactions.instant(rows, "last_used_at"),
                rows.getString("last_address"));
    }

    private static Probe probe(ResultSet rows) throws SQLException {
        return new Probe(rows.getString("name"), rows.getLong("acked_seq"), SqlTransactions.instant(rows, "last_seen_at"),
                rows.getString("last_node"), rows.getString("last_address"), rows.getLong("dropped"),
                SqlTransactions.instant(rows, "silent_since"));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    private static <T> List<T> select(Connection connection, String sql, Binder binder, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
            }
            return out;
        }
    }
}
