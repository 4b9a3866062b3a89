package dev.lookout.check.db;

import static dev.lookout.check.DeadlineAssertions.assertFailedWellBeforeDeadline;
import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import dev.lookout.condition.ConditionParser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every database check does, run against a real server per dialect (PostgreSQL and MariaDB of
 * the test setup) and against fake servers that refuse or never answer. A missing server fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlCheckContract {
    static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** A connection for setting up tables, as the server's administrator. */
    abstract Connection admin() throws Exception;

    /** Settings for the test database with {@code query}, as the administrator. */
    abstract SqlSettings settings(String query);

    abstract SqlSettings withCredentials(SqlSettings settings, String user, String password);

    abstract SqlSettings withDatabase(SqlSettings settings, String database);

    abstract SqlSettings withPort(SqlSettings settings, int port);

    /** Credentials the server refuses, and a fragment of the server's message for them. */
    abstract String[] refusedCredentials();

    /** A query that takes {@code seconds}. */
    abstract String sleep(int seconds);

    String servers() {
        return "lookout_servers_" + suffix;
    }

    String emptyServers() {
        return "lookout_empty_" + suffix;
    }

    @BeforeAll
    void createTables() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + servers() + " (name VARCHAR(100))");
            s.execute("INSERT INTO " + servers() + " VALUES ('alpha'), ('beta')");
            s.execute("CREATE TABLE " + emptyServers() + " (name VARCHAR(100))");
        }
    }

    @AfterAll
    void dropTables() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + servers());
            s.execute("DROP TABLE IF EXISTS " + emptyServers());
        }
    }

    @Test
    void passes_row_count_above_zero_for_a_table_with_rows() throws Exception {
        Probe probe = run(settings("SELECT count(*) AS count FROM " + servers()), Duration.ofSeconds(5));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("row.count")).contains(2L);
        assertThat(probe.observation().value("rows")).contains(1L);
        assertThat(probe.observation().value("latency")).get().isInstanceOf(Duration.class);
        assertThat(probe.observation().value("connect_time")).get().isInstanceOf(Duration.class);
        assertThat(ConditionParser.parse("row.count > 0").evaluate(probe.observation(), java.time.Instant.EPOCH).passed()).isTrue();
    }

    @Test
    void fails_row_count_above_zero_for_an_empty_table() throws Exception {
        Probe probe = run(settings("SELECT count(*) AS count FROM " + emptyServers()), Duration.ofSeconds(5));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("row.count")).contains(0L);
        assertThat(ConditionParser.parse("row.count > 0").evaluate(probe.observation(), java.time.Instant.EPOCH).passed()).isFalse();
    }

    @Test
    void offers_the_first_row_by_lower_case_label_with_numbers_as_numbers() {
        Probe probe = run(settings("SELECT 42 AS Answer, 1.5 AS ratio, 'up' AS state, NULL AS nothing"), Duration.ofSeconds(5));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("row.answer")).contains(42L);
        assertThat(probe.observation().value("row.ratio")).contains(1.5);
        assertThat(probe.observation().value("row.state")).contains("up");
        assertThat(probe.observation().value("row.nothing")).isEmpty();
    }

    @Test
    void counts_rows_up_to_the_cap() {
        Probe probe = run(settings("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 1500) SELECT n FROM s"),
                Duration.ofSeconds(5));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("rows")).contains((long) SqlCheck.MAX_ROWS);
        assertThat(probe.observation().value("row.n")).contains(1L);
    }

    @Test
    void runs_the_query_read_only() throws Exception {
        Probe probe = run(settings("INSERT INTO " + servers() + " VALUES ('gamma')"), Duration.ofSeconds(5));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message().toLowerCase(Locale.ROOT)).startsWith("query failed: ").contains("read");
        Probe count = run(settings("SELECT count(*) AS count FROM " + servers()), Duration.ofSeconds(5));
        assertThat(count.observation().value("row.count")).contains(2L);
    }

    @Test
    void fails_with_the_servers_message_when_credentials_are_refused() {
        String[] refused = refusedCredentials();
        Probe probe = run(withCredentials(settings("SELECT 1"), refused[0], refused[1]), Duration.ofSeconds(5));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).contains(refused[2]);
    }

    @Test
    void fails_when_the_database_does_not_exist() {
        Probe probe = run(withDatabase(settings("SELECT 1"), "lookout_no_such_db"), Duration.ofSeconds(5));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).contains("lookout_no_such_db");
    }

    @Test
    void fails_fast_when_the_connection_is_refused() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        Duration deadline = Duration.ofSeconds(30);
        long start = System.nanoTime();
        Probe probe = run(withPort(settings("SELECT 1"), closedPort), deadline);

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("connection refused");
        assertFailedWellBeforeDeadline(Duration.ofNanos(System.nanoTime() - start), deadline);
    }

    @Test
    void times_out_when_the_server_accepts_and_never_answers() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (RawServer server = new RawServer(RawServer::stall)) {
            long start = System.nanoTime();
            Probe probe = run(withPort(settings("SELECT 1"), server.port()), timeout);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.TIMEOUT);
            // "login" as a rule; "connect" when a busy CI machine spent the whole second before the handshake
            assertThat(probe.message()).matches("timeout during (login|connect) after \\d+ ms");
            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    @Test
    void times_out_during_a_query_that_outlasts_the_deadline() {
        Duration timeout = Duration.ofSeconds(1);
        long start = System.nanoTime();
        Probe probe = run(settings(sleep(5)), timeout);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.TIMEOUT);
        assertThat(probe.message()).startsWith("timeout during query after ");
        assertGaveUpAtDeadline(elapsed, timeout);
    }

    static Probe run(SqlSettings settings, Duration timeout) {
        return new SqlCheck(settings, NO_DNS).run(Deadline.after(timeout));
    }
}
