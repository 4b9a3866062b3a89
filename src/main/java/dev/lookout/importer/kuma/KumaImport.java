package dev.lookout.importer.kuma;

import dev.lookout.importer.Draft;
import dev.lookout.importer.ImportException;
import dev.lookout.importer.Imported;
import dev.lookout.importer.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code lookout import kuma FILE|--db URL}: Uptime Kuma's SQLite database (1.23, 2.x), its MariaDB
 * database (2.x) or a 1.x JSON backup, to a Lookout configuration. Groups become components, status pages pages,
 * notifications channels with their secrets in the environment, and each monitor's notifications
 * alert routes.
 */
public final class KumaImport {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private KumaImport() {
    }

    public static Imported read(Path file) throws ImportException {
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file + ": no such file");
        }
        boolean sqlite = isSqlite(file);
        KumaData data = sqlite ? KumaDatabase.read(file) : KumaBackup.read(file);
        return translate(data, sqlite, file.getFileName().toString());
    }

    /**
     * Kuma 2 on MariaDB: {@code mariadb://user[:password]@host[:port]/database}, the password from
     * the URL or else {@code password}. The same tables as kuma.db, and the same translation.
     */
    public static Imported readMariaDb(String url, String password) throws ImportException {
        KumaMariaDb server = KumaMariaDb.parse(url);
        return translate(server.read(KumaMariaDb.password(url, password)), true, server.toString());
    }

    /** @param database whether the data is a database (with status pages and maintenance), not a JSON backup */
    private static Imported translate(KumaData data, boolean database, String source) {
        Draft draft = new Draft();
        Map<Long, String> channels = new KumaChannels(draft).translate(data.notifications());
        KumaLayout layout = KumaLayout.build(data, draft, KumaMonitors::imported);
        KumaMonitors monitors = new KumaMonitors(draft, data, layout);
        Map<Long, String> monitorIds = monitors.translate();
        routes(draft.routes(), data, layout, monitorIds, channels, monitors);
        Map<Long, String> pages = new KumaPages(draft, layout).translate(data.statusPages());
        new KumaMaintenance(draft, layout, monitorIds, pages).translate(data.maintenances());
        data.absent().forEach(draft::notCarried);
        if (!database) {
            draft.notCarried("status pages and maintenance: not in a 1.x JSON backup (Kuma never exported them);"
                    + " import Kuma's kuma.db to carry them over");
        }
        String version = data.version() == null ? "" : (database ? " (database version " : " (version ") + data.version() + ")";
        return draft.finish(List.of("Imported by `lookout import kuma` from " + source + ", Uptime Kuma "
                + (database ? "database" : "JSON backup") + version + "."));
    }

    /** A monitor's notifications become a route for it; a group's, a route for its component. */
    private static void routes(Routes routes, KumaData data, KumaLayout layout, Map<Long, String> monitorIds,
                               Map<Long, String> channels, KumaMonitors monitors) {
        for (KumaRow m : data.monitors()) {
            boolean group = KumaLayout.isGroup(m);
            String target = group ? layout.componentOf(m.id()) : monitorIds.get(m.id());
            if (target == null) {
                continue;
            }
            for (long notification : data.notificationsByMonitor().getOrDefault(m.id(), List.of())) {
                String channel = channels.get(notification);
                if (channel != null) {
                    routes.add(group ? Routes.Selector.COMPONENTS : Routes.Selector.MONITORS, target, channel,
                            group ? null : monitors.repeatOf(m.id()), List.of());
                }
            }
        }
    }

    private static boolean isSqlite(Path file) throws ImportException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
