package dev.lookout.importer.kuma;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One monitor (or maintenance, status page) as Uptime Kuma stored it, by column name. The database
 * gives snake_case columns; a 1.x JSON backup gives the camelCase fields of {@code Monitor.toJSON()},
 * turned into the same column names here, so that one translation reads both. Kuma's SQLite
 * booleans are 0/1 and its JSON ones true/false: {@link #flag} reads either.
 */
final class KumaRow {
    private final Map<String, Object> values;

    private KumaRow(Map<String, Object> values) {
        this.values = values;
    }

    static KumaRow ofColumns(Map<String, Object> columns) {
        return new KumaRow(new LinkedHashMap<>(columns));
    }

    /** From a backup's JSON object: {@code retryInterval} becomes {@code retry_interval}. */
    static KumaRow ofBackup(Map<String, Object> fields) {
        Map<String, Object> columns = new LinkedHashMap<>();
        fields.forEach((key, value) -> columns.put(column(key), value));
        return new KumaRow(columns);
    }

    static String column(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    boolean has(String column) {
        return values.containsKey(column);
    }

    /** This row with more columns (e.g. a status page's domains, read from another table). */
    KumaRow with(Map<String, Object> columns) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.putAll(columns);
        return new KumaRow(all);
    }

    Object raw(String column) {
        return values.get(column);
    }

    /** The text of a column, or null when absent, null or blank. */
    String text(String column) {
        Object value = values.get(column);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isBlank() ? null : text;
    }

    long number(String column, long absent) {
        Object value = values.get(column);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? absent : (long) Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    double decimal(String column, double absent) {
        Object value = values.get(column);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return value == null ? absent : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    boolean flag(String column) {
        Object value = values.get(column);
        return value instanceof Boolean b ? b
                : value instanceof Number n ? n.intValue() != 0
                : value != null && (value.toString().equals("1") || value.toString().equalsIgnoreCase("true"));
    }

    long id() {
        return number("id", -1);
    }

    String name() {
        String name = text("name");
        return name == null ? text("title") : name;
    }

    String type() {
        String type = text("type");
        return type == null ? "http" : type;
    }

    /** The parent group's id, or null. */
    Long parent() {
        long parent = number("parent", -1);
        return parent < 0 ? null : parent;
    }
}
