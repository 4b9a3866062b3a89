package dev.lookout.store;

import com.zaxxer.hikari.HikariConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL, possibly shared by several Lookout nodes: rows that a batch merges into are locked
 * with {@code FOR UPDATE}, because two nodes may update the same rollup at the same time.
 */
final class PostgresDialect implements Dialect {

    private static final int POOL_SIZE = 8;
    private static final int DEFAULT_PORT = 5432;
    /** How long a caller may wait for a pooled connection (HikariCP's default is 30 s). */
    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    /** Where pg_dump and pg_restore connect, and the schema Lookout's tables are in. */
    private final ToolTarget tools;

    /** What PostgreSQL's own tools need to reach Lookout's tables: libpq options and a password. */
    record ToolTarget(String host, int port, String database, String user, String password, String schema) {
        java.util.List<String> connectionArguments() {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--host=" + host, "--port=" + port,
                    "--dbname=" + database, "--no-password"));
            if (user != null) {
                args.add("--username=" + user);
            }
            return args;
        }
    }

    private PostgresDialect(String jdbcUrl, String user, String password, ToolTarget tools) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.tools = tools;
    }

    ToolTarget tools() {
        return tools;
    }

    /** Parses {@code postgresql://user:pass@host:port/db?params} (or {@code postgres://...}). */
    static PostgresDialect forUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid PostgreSQL URL " + redact(url) + ": " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("PostgreSQL URL " + redact(url) + " has no host");
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL " + redact(url) + " names no database");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String schema = "public";
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                if (parameter.startsWith("currentSchema=")) {
                    schema = decode(parameter.substring("currentSchema=".length()));
                }
            }
        }
        return new PostgresDialect(jdbc, user, password, new ToolTarget(uri.getHost(), port, decode(database), user, password,
                schema));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without its password, for messages and logs. */
    static String redact(String url) {
        return url.replaceFirst("//([^:/@]*):[^@/]*@", "//$1:***@");
    }

    @Override
    public String describe() {
        return "PostgreSQL database " + jdbcUrl + (user == null ? "" : " as " + user);
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("lookout-postgresql");
        config.setMaximumPoolSize(POOL_SIZE);
        // Hard deadlines on every phase, so that a database that is gone or hangs costs seconds, not
        // HikariCP's 30 s or the kernel's TCP timeouts; a URL may set the driver's own values.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        driverDefaults().forEach(config::addDataSourceProperty);
        return config;
    }

    /** A connection outside the pool, with the pool's deadlines (for LISTEN, which keeps it). */
    java.sql.Connection openDedicated() throws java.sql.SQLException {
        java.util.Properties properties = new java.util.Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.putAll(driverDefaults());
        return java.sql.DriverManager.getConnection(jdbcUrl, properties);
    }

    /**
     * The driver's deadlines (connect, login, socket) and keep-alive, each unless the URL sets its
     * own: for the pool and for the connections outside it alike.
     */
    private java.util.Map<String, String> driverDefaults() {
        java.util.Map<String, String> defaults = new java.util.HashMap<>();
        java.util.Map.of("connectTimeout", "5", "loginTimeout", "5", "socketTimeout", "60", "tcpKeepAlive", "true")
                .forEach((property, value) -> {
                    if (!jdbcUrl.contains(property + "=")) {
                        defaults.put(property, value);
                    }
                });
        return defaults;
    }

    @Override
    public boolean serializesWriters() {
        return false;
    }

    @Override
    public String lockRowsClause() {
        return " FOR UPDATE";
    }

    @Override
    public String least(String a, String b) {
        return "least(" + a + ", " + b + ")";
    }

    @Override
    public String greatest(String a, String b) {
        return "greatest(" + a + ", " + b + ")";
    }

    @Override
    public String lastResultIdQuery() {
        return "SELECT currval(pg_get_serial_sequence('check_results', 'id'))";
    }

    @Override
    public String skipLockedClause() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String nowMillis() {
        return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    }
}
