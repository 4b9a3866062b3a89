package dev.lookout.importer.kuma;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.importer.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON backup of Uptime Kuma 1.x (Settings, Backup, Export): {@code version},
 * {@code notificationList} (each row's {@code config} a JSON string) and {@code monitorList}
 * (each {@code Monitor.toJSON()} with its {@code tags} and {@code notificationIDList}). Status
 * pages and maintenance were never part of it.
 */
final class KumaBackup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KumaBackup() {
    }

    static KumaData read(Path file) throws ImportException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ImportException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": neither an Uptime Kuma database nor a JSON backup (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("monitorList").isArray()) {
            throw new ImportException(file + ": JSON, but not an Uptime Kuma backup (it has no monitorList array)");
        }
        List<KumaRow> monitors = new ArrayList<>();
        Map<Long, List<Long>> notificationsByMonitor = new LinkedHashMap<>();
        Map<Long, List<KumaData.Tag>> tags = new LinkedHashMap<>();
        for (JsonNode m : root.path("monitorList")) {
            KumaRow row = KumaRow.ofBackup(fields(m));
            monitors.add(row);
            List<Long> ids = new ArrayList<>();
            // notificationIDList: {"3": true}; false marks one the user removed in the form
            m.path("notificationIDList").properties().forEach(e -> {
                if (e.getValue().asBoolean(false)) {
                    ids.add(Long.parseLong(e.getKey()));
                }
            });
            notificationsByMonitor.put(row.id(), ids);
            List<KumaData.Tag> monitorTags = new ArrayList<>();
            for (JsonNode tag : m.path("tags")) {
                String value = tag.path("value").asText("");
                monitorTags.add(new KumaData.Tag(tag.path("name").asText(), value.isBlank() ? null : value));
            }
            tags.put(row.id(), monitorTags);
        }
        monitors.sort(java.util.Comparator.comparingLong(KumaRow::id));
        List<KumaData.Notification> notifications = new ArrayList<>();
        for (JsonNode n : root.path("notificationList")) {
            Map<String, Object> config = Map.of();
            try {
                String text = n.path("config").asText("");
                if (!text.isBlank()) {
                    config = JSON.readValue(text, LinkedHashMap.class);
                }
            } catch (JsonProcessingException e) {
                // a config that is not JSON leaves the notification without settings; its type is then unknown
            }
            notifications.add(new KumaData.Notification(n.path("id").asLong(), n.path("name").asText(),
                    n.path("active").asBoolean(true), config));
        }
        List<String> absent = new ArrayList<>();
        int proxies = root.path("proxyList").size();
        if (proxies > 0) {
            absent.add(proxies + (proxies == 1 ? " proxy" : " proxies")
                    + ": Lookout's checks connect directly, so monitors that used them connect directly too");
        }
        return new KumaData(root.path("version").asText(null), monitors, notifications, notificationsByMonitor, tags,
                List.of(), List.of(), absent);
    }

    private static Map<String, Object> fields(JsonNode monitor) {
        Map<String, Object> fields = new LinkedHashMap<>();
        monitor.properties().forEach(e -> {
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null
                    : v.isBoolean() ? v.booleanValue()
                    : v.isIntegralNumber() ? v.longValue()
                    : v.isNumber() ? v.doubleValue()
                    : v.isTextual() ? v.textValue()
                    : JSON.convertValue(v, Object.class);
            fields.put(e.getKey(), value);
        });
        return fields;
    }
}
