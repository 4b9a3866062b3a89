package dev.lookout.check.db;

/**
 * What one database check connects to and asks.
 *
 * @param dialect  PostgreSQL or MySQL/MariaDB
 * @param host     host name or IP address, resolved under the check's deadline
 * @param port     1..65535; 5432 or 3306 by default
 * @param database database to connect to
 * @param user     user name
 * @param password password; null to send none
 * @param query    run read-only; its first row is the {@code row.COLUMN} placeholders
 * @param sslMode  one of the dialect's {@link SqlDialect#sslModes()}
 */
public record SqlSettings(SqlDialect dialect, String host, int port, String database, String user, String password,
                          String query, String sslMode) {
    public static final String DEFAULT_QUERY = "SELECT 1";

    public SqlSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (database == null || database.isBlank() || user == null || user.isBlank()) {
            throw new IllegalArgumentException("database and user are required");
        }
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        if (!dialect.sslModes().contains(sslMode)) {
            throw new IllegalArgumentException("ssl_mode must be one of " + String.join(", ", dialect.sslModes()));
        }
    }
}
