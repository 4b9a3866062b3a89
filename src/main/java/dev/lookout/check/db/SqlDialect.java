package dev.lookout.check.db;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What differs between the databases a {@link SqlCheck} speaks to: the driver, its URL and
 * properties, and the statements that make the session read-only with a statement timeout.
 * Everything else (DNS, sockets, the deadline, reading the row) is shared.
 */
enum SqlDialect {
    POSTGRES("postgres", 5432, List.of("disable", "prefer", "require", "verify-full")) {
        @Override
        Driver driver() {
            return new org.postgresql.Driver();
        }

        @Override
        String url(String host, InetAddress address, int port, String database) {
            // The host name stays in the URL for TLS (SNI, verify-full); the socket comes connected, so pgjdbc never resolves it.
            return "jdbc:postgresql://" + bracketed(host) + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        }

        @Override
        Properties properties(SqlSettings settings, String leaseToken, int remainingSeconds, int remainingMillis) {
            Properties p = credentials(settings);
            p.setProperty("sslmode", settings.sslMode());
            if (settings.sslMode().equals("verify-full")) {
                p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"); // the JDK's CAs, not ~/.postgresql/root.crt
            }
            p.setProperty("socketFactory", PgSocketFactory.class.getName());
            p.setProperty("socketFactoryArg", leaseToken);
            // Seconds only; the exact bound is the lease closed at the deadline. No loginTimeout: it would run the
            // login on an extra platform thread and leave it behind, which the closed socket makes unnecessary.
            p.setProperty("connectTimeout", Integer.toString(remainingSeconds));
            p.setProperty("socketTimeout", Integer.toString(remainingSeconds));
            p.setProperty("gssEncMode", "disable");
            p.setProperty("ApplicationName", "lookout");
            return p;
        }

        @Override
        void beginReadOnly(Connection connection, long statementTimeoutMillis) throws SQLException {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION READ ONLY");
                statement.execute("SET LOCAL statement_timeout = " + statementTimeoutMillis);
            }
        }
    },

    MYSQL("mysql", 3306, List.of("disable", "prefer", "require", "verify-ca")) {
        @Override
        Driver driver() {
            return new org.mariadb.jdbc.Driver();
        }

        @Override
        String url(String host, InetAddress address, int port, String database) {
            // The driver resolves the URL's host with InetAddress, which no deadline bounds: give it the address.
            return "jdbc:mariadb://" + bracketed(address.getHostAddress()) + ":" + port + "/"
                    + URLEncoder.encode(database, StandardCharsets.UTF_8);
        }

        @Override
        Properties properties(SqlSettings settings, String leaseToken, int remainingSeconds, int remainingMillis) {
            Properties p = credentials(settings);
            p.setProperty("sslMode", switch (settings.sslMode()) {
                case "prefer" -> "allow";
                case "require" -> "trust";
                default -> settings.sslMode();
            });
            p.setProperty("socketFactory", MariaDbSocketFactory.class.getName());
            p.setProperty(MariaDbSocketFactory.TOKEN_OPTION, leaseToken);
            p.setProperty("connectTimeout", Integer.toString(remainingMillis));
            p.setProperty("socketTimeout", Integer.toString(remainingMillis));
            p.setProperty("connectionAttributes", "program_name:lookout");
            return p;
        }

        @Override
        void beginReadOnly(Connection connection, long statementTimeoutMillis) throws SQLException {
            connection.setReadOnly(true);
            boolean mariaDb = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("mariadb");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION TRANSACTION READ ONLY");
                // MariaDB counts in seconds for every statement; MySQL in milliseconds, for SELECT only.
                statement.execute(mariaDb
                        ? "SET SESSION max_statement_time = " + statementTimeoutMillis / 1000.0
                        : "SET SESSION max_execution_time = " + statementTimeoutMillis);
            }
        }
    };

    private final String typeName;
    private final int defaultPort;
    private final List<String> sslModes;

    SqlDialect(String typeName, int defaultPort, List<String> sslModes) {
        this.typeName = typeName;
        this.defaultPort = defaultPort;
        this.sslModes = sslModes;
    }

    /** The value of {@code type:}. */
    String typeName() {
        return typeName;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** Values {@code ssl_mode} accepts; the second ({@code prefer}) is the default. */
    List<String> sslModes() {
        return sslModes;
    }

    abstract Driver driver();

    abstract String url(String host, InetAddress address, int port, String database);

    abstract Properties properties(SqlSettings settings, String leaseToken, int remainingSeconds, int remainingMillis);

    /** Makes what follows read-only, with a server-side statement timeout of the time left. */
    abstract void beginReadOnly(Connection connection, long statementTimeoutMillis) throws SQLException;

    private static Properties credentials(SqlSettings settings) {
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        if (settings.password() != null) {
            p.setProperty("password", settings.password());
        }
        return p;
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
