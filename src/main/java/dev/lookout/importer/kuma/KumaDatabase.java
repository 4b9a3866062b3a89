package dev.lookout.importer.kuma;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.importer.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Uptime Kuma's database: its SQLite file ({@code kuma.db}, 1.23 and 2.x), or the same tables
 * on MariaDB through {@link KumaMariaDb}. One reading for both: rows come out as Kuma's SQLite
 * holds them (booleans 0/1, times as ISO text), so that one translation serves every source.
 * Tables and columns a version lacks are read as absent.
 */
final class KumaDatabase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KumaDatabase() {
    }

    /**
     * Opens a copy of the file taken with its write-ahead log, so that a running Kuma is neither
     * locked nor changed and what is read is one consistent state.
     */
    static KumaData read(Path file) throws ImportException {
        Path copyDir = null;
        try {
            copyDir = Files.createTempDirectory("lookout-import-kuma");
            Path copy = copyDir.resolve("kuma.db");
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            if (Files.isRegularFile(wal)) {
                Files.copy(wal, copyDir.resolve("kuma.db-wal"));
            }
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
                if (!exists(db, "monitor")) {
                    throw new ImportException(file + ": an SQLite database, but not Uptime Kuma's (it has no monitor table)");
                }
                return read(db);
            }
        } catch (SQLException e) {
            throw new ImportException(file + ": cannot read the Uptime Kuma database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        } finally {
            delete(copyDir);
        }
    }

    /** Every table the import needs, from a connection to a Kuma database (SQLite or MariaDB). */
    static KumaData read(Connection db) throws SQLException {
        List<KumaRow> monitors = rows(db, "SELECT * FROM monitor ORDER BY id");
        List<KumaData.Notification> notifications = new ArrayList<>();
        for (KumaRow row : rows(db, "SELECT * FROM notification ORDER BY id")) {
            notifications.add(new KumaData.Notification(row.id(), row.name(), !row.has("active") || row.flag("active"),
                    config(row.text("config"))));
        }
        Map<Long, List<Long>> notificationsByMonitor = new LinkedHashMap<>();
        for (KumaRow row : rows(db, "SELECT monitor_id, notification_id FROM monitor_notification ORDER BY id")) {
            notificationsByMonitor.computeIfAbsent(row.number("monitor_id", -1), k -> new ArrayList<>())
                    .add(row.number("notification_id", -1));
        }
        Map<Long, List<KumaData.Tag>> tags = new LinkedHashMap<>();
        if (exists(db, "monitor_tag")) {
            for (KumaRow row : rows(db, "SELECT mt.monitor_id, t.name, mt.value FROM monitor_tag mt JOIN tag t ON t.id = mt.tag_id "
                    + "ORDER BY mt.monitor_id, t.name, mt.id")) {
                tags.computeIfAbsent(row.number("monitor_id", -1), k -> new ArrayList<>())
                        .add(new KumaData.Tag(row.text("name"), row.text("value")));
            }
        }
        return new KumaData(setting(db, "database_version"), monitors, notifications, notificationsByMonitor, tags,
                statusPages(db), maintenances(db), absent(db));
    }

    private static List<KumaData.StatusPage> statusPages(Connection db) throws SQLException {
        List<KumaData.StatusPage> pages = new ArrayList<>();
        if (!exists(db, "status_page")) {
            return pages;
        }
        for (KumaRow page : rows(db, "SELECT * FROM status_page ORDER BY id")) {
            List<KumaData.PageGroup> groups = new ArrayList<>();
            for (KumaRow group : rows(db, "SELECT id, name FROM `group` WHERE status_page_id = " + page.id() + " ORDER BY weight, id")) {
                List<Long> ids = new ArrayList<>();
                for (KumaRow member : rows(db, "SELECT monitor_id FROM monitor_group WHERE group_id = " + group.id()
                        + " ORDER BY weight, id")) {
                    ids.add(member.number("monitor_id", -1));
                }
                groups.add(new KumaData.PageGroup(group.text("name"), ids));
            }
            Map<String, Object> columns = new LinkedHashMap<>();
            if (exists(db, "status_page_cname")) {
                List<String> domains = new ArrayList<>();
                for (KumaRow row : rows(db, "SELECT domain FROM status_page_cname WHERE status_page_id = " + page.id() + " ORDER BY id")) {
                    domains.add(row.text("domain"));
                }
                columns.put("domains", domains);
            }
            pages.add(new KumaData.StatusPage(page.with(columns), groups));
        }
        return pages;
    }

    private static List<KumaData.Maintenance> maintenances(Connection db) throws SQLException {
        List<KumaData.Maintenance> maintenances = new ArrayList<>();
        if (!exists(db, "maintenance")) {
            return maintenances;
        }
        for (KumaRow row : rows(db, "SELECT * FROM maintenance ORDER BY id")) {
            List<Long> monitors = new ArrayList<>();
            for (KumaRow m : rows(db, "SELECT monitor_id FROM monitor_maintenance WHERE maintenance_id = " + row.id() + " ORDER BY id")) {
                monitors.add(m.number("monitor_id", -1));
            }
            List<Long> pages = new ArrayList<>();
            if (exists(db, "maintenance_status_page")) {
                for (KumaRow p : rows(db, "SELECT status_page_id FROM maintenance_status_page WHERE maintenance_id = " + row.id()
                        + " ORDER BY id")) {
                    pages.add(p.number("status_page_id", -1));
                }
            }
            maintenances.add(new KumaData.Maintenance(row, monitors, pages));
        }
        return maintenances;
    }

    /** What the database holds that Lookout's configuration has no place for, counted. */
    private static List<String> absent(Connection db) throws SQLException {
        List<String> absent = new ArrayList<>();
        count(db, "proxy", "", "proxy: Lookout's checks connect directly, so monitors that used it connect directly too",
                "proxies: Lookout's checks connect directly, so monitors that used them connect directly too", absent);
        count(db, "incident", "", "status page incident: Lookout's incidents are made with `lookout incident` or the API",
                "status page incidents: Lookout's incidents are made with `lookout incident` or the API", absent);
        count(db, "remote_browser", "", "remote browser: Lookout has no browser check",
                "remote browsers: Lookout has no browser check", absent);
        return absent;
    }

    private static void count(Connection db, String table, String where, String one, String many, List<String> absent)
            throws SQLException {
        if (!exists(db, table)) {
            return;
        }
        long n = rows(db, "SELECT count(*) AS n FROM " + table + where).getFirst().number("n", 0);
        if (n > 0) {
            absent.add(n + " " + (n == 1 ? one : many));
        }
    }

    private static String setting(Connection db, String key) throws SQLException {
        if (!exists(db, "setting")) {
            return null;
        }
        List<KumaRow> rows = rows(db, "SELECT value FROM setting WHERE `key` = '" + key + "'");
        return rows.isEmpty() ? null : rows.getFirst().text("value");
    }

    private static Map<String, Object> config(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            return Map.of();
        }
    }

    static boolean exists(Connection db, String table) throws SQLException {
        try (ResultSet rs = db.getMetaData().getTables(db.getCatalog(), null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static List<KumaRow> rows(Connection db, String sql) throws SQLException {
        List<KumaRow> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> columns = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.put(meta.getColumnLabel(i), asInSqlite(rs.getObject(i)));
                }
                rows.add(KumaRow.ofColumns(columns));
            }
        }
        return rows;
    }

    /**
     * A MariaDB value as Kuma's SQLite file holds it: TINYINT(1) booleans as 1/0, DATETIME and TIME
     * as ISO text ({@code 2026-01-01T00:00}, {@code 02:00}). SQLite's own values pass unchanged.
     */
    private static Object asInSqlite(Object value) {
        return switch (value) {
            case Boolean b -> b ? 1 : 0;
            case java.sql.Timestamp t -> t.toLocalDateTime().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.time.temporal.TemporalAccessor t -> t.toString();
            case null, default -> value;
        };
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary copy left behind is harmless
        }
    }
}
