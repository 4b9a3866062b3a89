package dev.lookout.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.subscribe.Subscriber;
import dev.lookout.subscribe.SubscriberKind;
import dev.lookout.subscribe.Subscribers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/** {@link Subscribers} in SQL, the same statements on SQLite and PostgreSQL. */
final class SqlSubscribers implements Subscribers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COLUMNS = """
            id, kind, address, components, created_at, confirmed_at, unsubscribed_at""";

    /** The partial unique index allows one live row per kind and address; a second one is not inserted. */
    private static final String INSERT = """
            INSERT INTO subscribers (kind, address, components, created_at, confirmed_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, address) WHERE unsubscribed_at IS NULL DO NOTHING
            RETURNING id
            """;

    private static final String SET_TOKEN_HASHES = """
            UPDATE subscribers SET confirm_token_hash = ?, unsubscribe_token_hash = ? WHERE id = ?
            """;

    private static final String SELECT_LIVE_BY_ADDRESS = "SELECT " + COLUMNS + """
             FROM subscribers WHERE kind = ? AND address = ? AND unsubscribed_at IS NULL
            """;

    private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM subscribers WHERE id = ?";

    private static final String SELECT_BY_CONFIRM_HASH = "SELECT " + COLUMNS + """
             FROM subscribers WHERE confirm_token_hash = ? AND unsubscribed_at IS NULL
            """;

    private static final String SELECT_BY_UNSUBSCRIBE_HASH = "SELECT " + COLUMNS + """
             FROM subscribers WHERE unsubscribe_token_hash = ?
            """;

    private static final String SELECT_ACTIVE = "SELECT " + COLUMNS + """
             FROM subscribers WHERE unsubscribed_at IS NULL ORDER BY id
            """;

    private static final String SELECT_ACTIVE_PAGE = "SELECT " + COLUMNS + """
             FROM subscribers WHERE unsubscribed_at IS NULL ORDER BY id LIMIT ? OFFSET ?
            """;

    private static final String COUNT_ACTIVE = "SELECT count(*) FROM subscribers WHERE unsubscribed_at IS NULL";

    private static final String SELECT_ACTIVE_CONTAINING = "SELECT " + COLUMNS + """
             FROM subscribers WHERE unsubscribed_at IS NULL
              AND (lower(address) LIKE ? ESCAPE '!' OR kind LIKE ? ESCAPE '!' OR lower(components) LIKE ? ESCAPE '!')
             ORDER BY id
            """;

    private static final String SELECT_CONFIRMED = "SELECT " + COLUMNS + """
             FROM subscribers WHERE unsubscribed_at IS NULL AND confirmed_at IS NOT NULL ORDER BY id
            """;

    private static final String CONFIRM = """
            UPDATE subscribers SET confirmed_at = ?
            WHERE id = ? AND confirmed_at IS NULL AND unsubscribed_at IS NULL
            """;

    private static final String UNSUBSCRIBE = """
            UPDATE subscribers SET unsubscribed_at = ? WHERE id = ? AND unsubscribed_at IS NULL
            """;

    private static final String DELETE = "DELETE FROM subscribers WHERE id = ?";

    /** What a sender holds (an unexpired claim) still goes out; everything else pending is taken back. */
    private static final String WITHDRAW = """
            DELETE FROM notifications
            WHERE channel_id = ? AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)
            """;

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private final SqlTransactions transactions;

    SqlSubscribers(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Added add(SubscriberKind kind, String address, List<String> componentIds, Instant createdAt, Instant confirmedAt,
                     LongFunction<TokenHashes> hashes) {
        return transactions.run("add a subscriber", connection -> {
            Long id = null;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, kind.code());
                insert.setString(2, address);
                insert.setString(3, json(componentIds));
                insert.setLong(4, createdAt.toEpochMilli());
                SqlTransactions.setMillis(insert, 5, confirmedAt);
                try (ResultSet rows = insert.executeQuery()) {
                    if (rows.next()) {
                        id = rows.getLong(1);
                    }
                }
            }
            if (id == null) {
                Subscriber existing = select(connection, SELECT_LIVE_BY_ADDRESS, s -> {
                    s.setString(1, kind.code());
                    s.setString(2, address);
                }).stream().findFirst().orElseThrow(() -> new SQLException("a subscriber for this address was neither inserted nor found"));
                return new Added(existing, false);
            }
            TokenHashes tokens = hashes.apply(id);
            try (PreparedStatement update = connection.prepareStatement(SET_TOKEN_HASHES)) {
                update.setString(1, tokens.confirm());
                update.setString(2, tokens.unsubscribe());
                update.setLong(3, id);
                update.executeUpdate();
            }
            long newId = id;
            return new Added(select(connection, SELECT_BY_ID, s -> s.setLong(1, newId)).getFirst(), true);
        });
    }

    @Override
    public Optional<Subscriber> subscriber(long id) {
        return first("read a subscriber", SELECT_BY_ID, s -> s.setLong(1, id));
    }

    @Override
    public Optional<Subscriber> byConfirmTokenHash(String hash) {
        return first("find a subscriber by confirm token", SELECT_BY_CONFIRM_HASH, s -> s.setString(1, hash));
    }

    @Override
    public Optional<Subscriber> byUnsubscribeTokenHash(String hash) {
        return first("find a subscriber by unsubscribe token", SELECT_BY_UNSUBSCRIBE_HASH, s -> s.setString(1, hash));
    }

    @Override
    public boolean confirm(long id, Instant at) {
        return transactions.run("confirm a subscriber", connection -> {
            try (PreparedStatement update = connection.prepareStatement(CONFIRM)) {
                update.setLong(1, at.toEpochMilli());
                update.setLong(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean unsubscribe(long id, Instant at) {
        return transactions.run("unsubscribe a subscriber", connection -> {
            boolean changed;
            try (PreparedStatement update = connection.prepareStatement(UNSUBSCRIBE)) {
                update.setLong(1, at.toEpochMilli());
                update.setLong(2, id);
                changed = update.executeUpdate() == 1;
            }
            withdraw(connection, id, at);
            return changed;
        });
    }

    @Override
    public boolean delete(long id, Instant at) {
        return transactions.run("delete a subscriber", connection -> {
            boolean deleted;
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setLong(1, id);
                deleted = delete.executeUpdate() == 1;
            }
            withdraw(connection, id, at);
            return deleted;
        });
    }

    @Override
    public List<Subscriber> active() {
        return transactions.run("list subscribers", connection -> select(connection, SELECT_ACTIVE, s -> { }));
    }

    @Override
    public List<Subscriber> active(int offset, int limit) {
        return transactions.run("list a page of subscribers", connection -> select(connection, SELECT_ACTIVE_PAGE, s -> {
            s.setInt(1, limit);
            s.setInt(2, offset);
        }));
    }

    @Override
    public int activeCount() {
        return transactions.run("count subscribers", connection -> {
            try (PreparedStatement count = connection.prepareStatement(COUNT_ACTIVE); ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    @Override
    public List<Subscriber> activeContaining(String text) {
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return transactions.run("search subscribers", connection -> select(connection, SELECT_ACTIVE_CONTAINING, s -> {
            s.setString(1, pattern);
            s.setString(2, pattern);
            s.setString(3, pattern);
        }));
    }

    @Override
    public List<Subscriber> confirmed() {
        return transactions.run("list confirmed subscribers", connection -> select(connection, SELECT_CONFIRMED, s -> { }));
    }

    private static void withdraw(Connection connection, long id, Instant at) throws SQLException {
        try (PreparedStatement withdraw = connection.prepareStatement(WITHDRAW)) {
            withdraw.setString(1, Subscriber.channelId(id));
            withdraw.setLong(2, at.toEpochMilli());
            withdraw.executeUpdate();
        }
    }

    private Optional<Subscriber> first(String what, String sql, Binder binder) {
        return transactions.run(what, connection -> select(connection, sql, binder)).stream().findFirst();
    }

    private static List<Subscriber> select(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            List<Subscriber> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new Subscriber(rows.getLong("id"), SubscriberKind.of(rows.getString("kind")),
                            rows.getString("address"), components(rows.getString("components")),
                            SqlTransactions.instant(rows, "created_at"), SqlTransactions.instant(rows, "confirmed_at"),
                            SqlTransactions.instant(rows, "unsubscribed_at")));
                }
            }
            return out;
        }
    }

    private static String json(List<String> componentIds) {
        try {
            return JSON.writeValueAsString(componentIds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is JSON", e);
        }
    }

    private static List<String> components(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("stored subscriber components are not a JSON list: " + e.getOriginalMessage(), e);
        }
    }
}
