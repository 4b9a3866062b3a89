package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.AlertWrites;
import dev.lookout.alert.NotificationRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against the real PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth). A
 * database per test class, a schema per test. Fails, never skips, when the server is missing:
 * a green build must mean PostgreSQL was tested.
 */
class PostgresStoreTest extends StoreContract {

    private static final String SERVER = "127.0.0.1:5432";
    private static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "/test";
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = "lookout_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin(ADMIN_URL); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            try (Connection admin = admin(ADMIN_URL); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static Connection admin(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url, "postgres", "");
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL is required for this test at " + SERVER
                    + " (user postgres, trust auth): " + e.getMessage(), e);
        }
    }

    @Override
    String newDatabaseUrl() throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = admin("jdbc:postgresql://" + SERVER + "/" + database);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        return "postgresql://postgres@" + SERVER + "/" + database + "?currentSchema=" + schema;
    }

    @Override
    String jdbcUrl(String storeUrl) {
        return "jdbc:postgresql://" + storeUrl.substring("postgresql://postgres@".length());
    }

    @Override
    String jdbcUser() {
        return "postgres";
    }

    /** Several nodes share PostgreSQL: one message per channel per group window, whichever node's senders claim. */
    @org.junit.jupiter.api.Test
    void a_channels_group_window_holds_across_the_senders_of_every_node() {
        dev.lookout.alert.Outbox outbox = store.outbox();
        java.time.Duration window = java.time.Duration.ofSeconds(30);
        java.time.Duration lease = java.time.Duration.ofMinutes(2);
        outbox.write(new AlertWrites(java.util.List.of(), java.util.List.of(entry("a1", "e1", "hook", NOW),
                entry("a2", "e2", "hook", NOW), entry("s1", null, "subscriber:1", NOW))));
        assertThat(outbox.claimDue("node-a", NOW, lease, 10, window)).extracting(NotificationRecord::dedupKey)
                .containsExactlyInAnyOrder("a1", "a2", "s1");

        // node-b decided its own alert 5 s later, due at once by its own window: the channel's window holds it.
        outbox.write(new AlertWrites(java.util.List.of(), java.util.List.of(entry("b1", "e3", "hook", NOW.plusSeconds(5)),
                entry("s2", null, "subscriber:2", NOW.plusSeconds(5)))));
        assertThat(outbox.claimDue("node-b", NOW.plusSeconds(5), lease, 10, window)).as("subscribers are not grouped")
                .extracting(NotificationRecord::dedupKey).containsExactly("s2");
        assertThat(outbox.claimDue("node-b", NOW.plusSeconds(29), lease, 10, window)).isEmpty();
        assertThat(outbox.claimDue("node-b", NOW.plusSeconds(30), lease, 10, window)).extracting(NotificationRecord::dedupKey)
                .containsExactly("b1");

        // The mass-failure guard's message does not wait for the window.
        outbox.write(new AlertWrites(java.util.List.of(), java.util.List.of(new dev.lookout.alert.OutboxEntry("guard/hook", null,
                "hook", "MONITORING_SIDE_FAILURE", "{}", false, NOW.plusSeconds(31), NOW.plusSeconds(31), true),
                entry("b2", "e4", "hook", NOW.plusSeconds(31)))));
        assertThat(outbox.claimDue("node-a", NOW.plusSeconds(31), lease, 10, window)).extracting(NotificationRecord::dedupKey)
                .containsExactly("guard/hook");

        // A failed delivery is retried at its backoff, not a window later.
        outbox.failed(java.util.List.of(id(outbox, "b1")), NOW.plusSeconds(31), "503", NOW.plusSeconds(33), 10);
        assertThat(outbox.claimDue("node-a", NOW.plusSeconds(33), lease, 10, window)).extracting(NotificationRecord::dedupKey)
                .containsExactly("b1");
    }

    private static long id(dev.lookout.alert.Outbox outbox, String key) {
        return outbox.notifications(null, null, 100).stream().filter(n -> n.dedupKey().equals(key)).findFirst().orElseThrow()
                .id();
    }
}
