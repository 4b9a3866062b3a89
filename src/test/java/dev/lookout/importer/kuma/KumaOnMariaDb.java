package dev.lookout.importer.kuma;

import dev.lookout.importer.ImportedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A private database on the test MariaDB (127.0.0.1:3306, root without a password) with Uptime
 * Kuma's own MariaDB schema ({@code kuma-schema.sql}) and every row of an SQLite {@code kuma.db}
 * copied over: the same Kuma, as if it had run on MariaDB. Closing drops the database.
 */
public final class KumaOnMariaDb implements AutoCloseable {
    static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    /** The test server has no TLS; Connector/J 4 asks for it unless told. */
    private static final String PLAIN = "?sslMode=disable";
    private final String database = "lookout_kuma_" + UUID.randomUUID().toString().substring(0, 8);

    /** Creates the database and copies every table of {@code kumaDb} into it. */
    public KumaOnMariaDb(Path kumaDb) throws SQLException, IOException {
        try (Connection admin = DriverManager.getConnection(SERVER + PLAIN, "root", "")) {
            admin.createStatement().execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        }
        try (Connection maria = DriverManager.getConnection(SERVER + database + PLAIN, "root", "");
             Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + kumaDb)) {
            // The dump lists tables by name, before the tables their foreign keys name; rows come table by table.
            maria.createStatement().execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String statement : schemaStatements()) {
                maria.createStatement().execute(statement);
            }
            for (String table : tables(sqlite)) {
                copy(sqlite, maria, table);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public String database() {
        return database;
    }

    /** A connection to the database as root. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + database + PLAIN, "root", "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + PLAIN, "root", "")) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    private static List<String> schemaStatements() throws IOException {
        String ddl = Files.readString(ImportedFiles.resource("importer/kuma/mariadb/kuma-schema.sql"));
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : ddl.lines().toList()) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.endsWith(";")) {
                statements.add(current.toString().replaceFirst(";\\s*$", ""));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static List<String> tables(Connection sqlite) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = sqlite.createStatement().executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Every row and column of one table; a column Kuma's MariaDB schema lacks fails the copy. */
    private static void copy(Connection sqlite, Connection maria, String table) throws SQLException {
        Set<String> mariaColumns = new HashSet<>();
        Set<String> dateTimes = new HashSet<>();
        try (ResultSet rs = maria.getMetaData().getColumns(maria.getCatalog(), null, table, null)) {
            while (rs.next()) {
                mariaColumns.add(rs.getString("COLUMN_NAME"));
                if (rs.getString("TYPE_NAME").toUpperCase(java.util.Locale.ROOT).matches("DATETIME|TIMESTAMP")) {
                    dateTimes.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        if (mariaColumns.isEmpty()) {
            throw new IllegalStateException("Kuma's MariaDB schema has no table " + table);
        }
        try (Statement select = sqlite.createStatement(); ResultSet rows = select.executeQuery("SELECT * FROM `" + table + "`")) {
            int count = rows.getMetaData().getColumnCount();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String column = rows.getMetaData().getColumnName(i);
                if (!mariaColumns.contains(column)) {
                    throw new IllegalStateException("Kuma's MariaDB schema has no column " + table + "." + column);
                }
                columns.add("`" + column + "`");
            }
            String insert = "INSERT INTO `" + table + "` (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement statement = maria.prepareStatement(insert)) {
                while (rows.next()) {
                    for (int i = 1; i <= count; i++) {
                        Object value = rows.getObject(i);
                        // knex writes some times to SQLite as epoch milliseconds; MariaDB's DATETIME wants a time
                        boolean epoch = value instanceof Number && dateTimes.contains(rows.getMetaData().getColumnName(i));
                        statement.setObject(i, epoch ? new java.sql.Timestamp(((Number) value).longValue()) : value);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }
}
