package dev.lookout.check.db;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Connects to a database through its JDBC driver and runs one read-only query within the deadline
 * ({@code type: postgres} and {@code type: mysql}; the {@link SqlDialect} holds the differences).
 *
 * <p>The driver never gets to block past the deadline: the host name is resolved here, under the
 * deadline; the driver receives a socket this check connected ({@link DriverSockets}); and a shared
 * timer closes that socket at the deadline, which ends a stalled connect, TLS handshake, login or
 * query with an I/O error. The drivers' own timeouts (whole seconds for pgjdbc) are set too, and the
 * server is told to stop the statement when the time is up (docs/rationale.md).
 */
public final class SqlCheck implements Check {
    /** Rows counted for {@code rows}; reading stops there. */
    static final int MAX_ROWS = 1000;
    private static final ScheduledExecutorService CLOSER = closer();

    private final SqlSettings settings;
    private final AddressResolver resolver;

    public SqlCheck(SqlSettings settings, AddressResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public Probe run(Deadline deadline) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(settings.host(), deadline);
            if (AddressResolver.literal(settings.host()).isEmpty()) {
                timings.dnsDone();
            }
        } catch (UnknownHostException e) {
            return Probe.failed(e.getMessage(), timings.finish());
        } catch (DeadlineExceededException e) {
            return Probe.timedOut(e, timings.finish());
        } catch (RuntimeException e) {
            return Probe.failed("internal error during dns: " + e, timings.finish());
        }
        try (DriverSockets.Lease lease = DriverSockets.lease(addresses, settings.port(), deadline, timings)) {
            ScheduledFuture<?> closer = CLOSER.schedule(lease::closeAtDeadline, Math.max(0, deadline.remainingNanos()),
                    TimeUnit.NANOSECONDS);
            try {
                return query(lease, addresses.get(0), deadline, timings);
            } catch (SQLException e) {
                if (lease.closedAtDeadline() || deadline.expired()) {
                    return Probe.timedOut(new DeadlineExceededException(lease.phase()), timings.finish());
                }
                return Probe.failed(describe(e, lease.phase()), timings.finish());
            } catch (DeadlineExceededException e) {
                return Probe.timedOut(e, timings.finish());
            } catch (RuntimeException e) {
                return Probe.failed("internal error during " + lease.phase() + ": " + e, timings.finish());
            } finally {
                closer.cancel(false);
            }
        }
    }

    private Probe query(DriverSockets.Lease lease, InetAddress address, Deadline deadline, Timings.Recorder timings)
            throws SQLException, DeadlineExceededException {
        SqlDialect dialect = settings.dialect();
        int millis = deadline.socketTimeoutMillis("connect");
        int seconds = Math.max(1, (millis + 999) / 1000);
        String url = dialect.url(settings.host(), address, settings.port(), settings.database());
        Connection connection = dialect.driver().connect(url, dialect.properties(settings, lease.token(), seconds, millis));
        if (connection == null) {
            throw new SQLException("the driver did not accept " + url);
        }
        try (connection) {
            Duration connectTime = Duration.ofNanos(deadline.elapsedMicros() * 1_000);
            lease.phase("query");
            dialect.beginReadOnly(connection, deadline.socketTimeoutMillis("query"));
            Map<String, Object> firstRow = new LinkedHashMap<>();
            long rows = 0;
            try (Statement statement = connection.createStatement()) {
                statement.setMaxRows(MAX_ROWS);
                statement.setFetchSize(MAX_ROWS);
                if (statement.execute(settings.query())) {
                    try (ResultSet result = statement.getResultSet()) {
                        while (rows < MAX_ROWS && result.next()) {
                            if (rows == 0) {
                                timings.firstByte();
                                readRow(result, firstRow);
                            }
                            rows++;
                        }
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            Timings done = timings.finish();
            return Probe.reached(rows + (rows == 1 ? " row" : " rows"), done,
                    new SqlObservation(firstRow, rows, done.total(), connectTime));
        }
    }

    /** Column labels lower-cased; numbers as Long or Double, booleans, times as ISO-8601 text, the rest as text. */
    private static void readRow(ResultSet result, Map<String, Object> row) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            Object value = value(result, i, meta.getColumnType(i), meta.getColumnTypeName(i));
            if (value != null) {
                row.putIfAbsent(label, value);
            }
        }
    }

    private static Object value(ResultSet result, int column, int type, String typeName) throws SQLException {
        Object raw = result.getObject(column);
        if (raw == null) {
            return null;
        }
        try {
            return switch (type) {
                case Types.TIMESTAMP -> String.valueOf(typeName).toLowerCase(Locale.ROOT).contains("tz")
                        ? result.getObject(column, OffsetDateTime.class).toString()
                        : result.getObject(column, LocalDateTime.class).toString();
                case Types.TIMESTAMP_WITH_TIMEZONE -> result.getObject(column, OffsetDateTime.class).toString();
                case Types.DATE -> result.getObject(column, LocalDate.class).toString();
                case Types.TIME -> result.getObject(column, LocalTime.class).toString();
                default -> plain(raw);
            };
        } catch (SQLException | RuntimeException e) {
            return result.getString(column); // a type the driver cannot convert: its text form
        }
    }

    private static Object plain(Object raw) {
        return switch (raw) {
            case Boolean b -> b;
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case Long l -> l;
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
            case BigDecimal dec -> wholeLong(dec);
            case Float f -> (double) f;
            case Double d -> d;
            case byte[] bytes -> HexFormat.of().formatHex(bytes);
            default -> raw.toString();
        };
    }

    private static Object wholeLong(BigDecimal dec) {
        try {
            return dec.longValueExact();
        } catch (ArithmeticException e) {
            return dec.doubleValue();
        }
    }

    /** The server's words when it answered ("FATAL: database ... does not exist"), else what went wrong with the connection. */
    private static String describe(SQLException e, String phase) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException c) {
                return String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused" : "connect failed: " + c.getMessage();
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        String message = String.valueOf(e.getMessage()).replaceFirst("^\\(conn=\\d+\\) ", "");
        return phase.equals("query") ? "query failed: " + message : message;
    }

    private static ScheduledExecutorService closer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "lookout-sql-deadline");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }
}
