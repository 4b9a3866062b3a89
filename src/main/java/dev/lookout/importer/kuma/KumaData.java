package dev.lookout.importer.kuma;

import java.util.List;
import java.util.Map;

/**
 * Everything read from one Uptime Kuma database or backup, before translation. A backup (1.x)
 * holds monitors, notifications and tags only; the other lists are then empty.
 *
 * @param monitors               in Kuma's order (by id)
 * @param notificationsByMonitor Kuma monitor id to the ids of its notifications
 * @param tagsByMonitor          Kuma monitor id to its tags
 * @param absent                 what the source holds that no part of Lookout's configuration takes
 *                               (e.g. "2 proxies"), for the report
 */
record KumaData(String version, List<KumaRow> monitors, List<Notification> notifications,
                Map<Long, List<Long>> notificationsByMonitor, Map<Long, List<Tag>> tagsByMonitor,
                List<StatusPage> statusPages, List<Maintenance> maintenances, List<String> absent) {

    /** A notification: its row and its {@code config} JSON (Kuma keeps every setting there). */
    record Notification(long id, String name, boolean active, Map<String, Object> config) {
    }

    /** A tag on a monitor; the value is null when the tag has none. */
    record Tag(String name, String value) {
    }

    /** A status page and its groups of monitors, in the page's order. */
    record StatusPage(KumaRow page, List<PageGroup> groups) {
    }

    record PageGroup(String name, List<Long> monitorIds) {
    }

    /** A maintenance, the monitors it covers and the status pages that announce it. */
    record Maintenance(KumaRow row, List<Long> monitorIds, List<Long> statusPageIds) {
    }
}
