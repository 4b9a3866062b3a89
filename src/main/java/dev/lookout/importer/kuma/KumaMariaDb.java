package dev.lookout.importer.kuma;

import dev.lookout.importer.ImportException;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Uptime Kuma 2 on MariaDB (or MySQL): the same tables as {@code kuma.db}, read by
 * {@link KumaDatabase} through MariaDB Connector/J in one read-only transaction, so that what is
 * read is one consistent state of a running Kuma. The password never appears in a message.
 *
 * @param host     the database server
 * @param port     its port (3306 unless given)
 * @param database Kuma's database
 * @param user     the user connected as
 * @param sslMode  Connector/J's {@code sslMode} from {@code ?sslmode=} ({@code disable}, {@code trust},
 *                 {@code verify-ca}, {@code verify-full}); null for the driver's default, verified TLS
 */
record KumaMariaDb(String host, int port, String database, String user, String sslMode) {
    private static final String USAGE = " (use mariadb://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable])";
    private static final java.util.Set<String> SSL_MODES = java.util.Set.of("disable", "trust", "verify-ca", "verify-full");

    /** {@code mariadb://user[:password]@host[:port]/database}; the password is {@link #password(String, String)}'s. */
    static KumaMariaDb parse(String url) throws ImportException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ImportException("'" + redacted(url) + "' is not a URL" + USAGE);
        }
        String scheme = uri.getScheme();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!("mariadb".equals(scheme) || "mysql".equals(scheme)) || uri.getHost() == null || path.isEmpty()
                || path.contains("/") || uri.getUserInfo() == null) {
            throw new ImportException("'" + redacted(url) + "' does not name a MariaDB user, host and database" + USAGE);
        }
        String user = uri.getUserInfo().split(":", 2)[0];
        String sslMode = null;
        if (uri.getQuery() != null) {
            sslMode = uri.getQuery().startsWith("sslmode=") ? uri.getQuery().substring("sslmode=".length()) : "";
            if (!SSL_MODES.contains(sslMode)) {
                throw new ImportException("'" + redacted(url) + "': the only parameter is sslmode, one of disable, trust,"
                        + " verify-ca, verify-full" + USAGE);
            }
        }
        return new KumaMariaDb(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), path, user, sslMode);
    }

    /** The password in the URL, or else {@code fromEnvironment} (null or empty: none). */
    static String password(String url, String fromEnvironment) {
        try {
            String info = new URI(url).getUserInfo();
            if (info != null && info.contains(":")) {
                return info.substring(info.indexOf(':') + 1);
            }
        } catch (URISyntaxException e) {
            // parse() has said so
        }
        return fromEnvironment == null ? "" : fromEnvironment;
    }

    KumaData read(String password) throws ImportException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10000");
        if (sslMode != null) {
            properties.setProperty("sslMode", sslMode);
        }
        try (Connection db = DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/" + database, properties)) {
            db.setReadOnly(true);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            db.setAutoCommit(false);
            try {
                if (!KumaDatabase.exists(db, "monitor")) {
                    throw new ImportException(this + ": a MariaDB database, but not Uptime Kuma's (it has no monitor table)");
                }
                return KumaDatabase.read(db);
            } finally {
                db.rollback();
            }
        } catch (SQLException e) {
            String reason = password.isEmpty() ? e.getMessage() : e.getMessage().replace(password, "***");
            String message = this + ": cannot read the Uptime Kuma database: " + reason;
            throw e.getSQLState() != null && e.getSQLState().startsWith("08") ? ImportException.unreachable(message, e)
                    : new ImportException(message, e);
        }
    }

    /** How messages and the written file name the source: never with its password. */
    @Override
    public String toString() {
        return "mariadb://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String redacted(String url) {
        return url.replaceAll("://([^:/@]*):[^@/]*@", "://$1:***@");
    }
}
