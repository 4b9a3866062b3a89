package dev.lookout.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.ComponentChange;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentException;
import dev.lookout.incident.IncidentFilter;
import dev.lookout.incident.IncidentRepository;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.LifecycleStatus;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.MaintenanceStatus;
import dev.lookout.incident.Markdown;
import dev.lookout.incident.Postmortem;
import dev.lookout.incident.Update;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incidents and maintenances on the same database as the rest of the store: one row per
 * incident or maintenance (told apart by {@code kind}) and one per update. Updates are appended,
 * never rewritten; the header row is written only if its version is the one the change was
 * based on.
 */
final class SqlIncidentStore implements IncidentRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENT = "incident";
    private static final String MAINTENANCE = "maintenance";

    private static final String COLUMNS = """
            id, name, status, impact, components, created_at, updated_at, monitoring_at, resolved_at, started_at,
            scheduled_for, scheduled_until, postmortem, postmortem_published_at, version""";

    private static final String INSERT = """
            INSERT INTO incidents (kind, name, status, impact, components, created_at, updated_at, monitoring_at,
                                   resolved_at, started_at, scheduled_for, scheduled_until, postmortem,
                                   postmortem_published_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """;

    private static final String UPDATE = """
            UPDATE incidents SET name = ?, status = ?, impact = ?, components = ?, created_at = ?, updated_at = ?,
                                 monitoring_at = ?, resolved_at = ?, started_at = ?, scheduled_for = ?,
                                 scheduled_until = ?, postmortem = ?, postmortem_published_at = ?, version = ?
            WHERE id = ? AND kind = ? AND version = ?
            """;

    private static final String INSERT_UPDATE = """
            INSERT INTO incident_updates (incident_id, status, body, created_at, components)
            VALUES (?, ?, ?, ?, ?)
            """;

    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM incidents WHERE id = ? AND kind = ?";

    private static final String SELECT_INCIDENTS = "SELECT " + COLUMNS + """
             FROM incidents
            WHERE kind = 'incident' AND status IN (%s)%s
            ORDER BY created_at DESC, id DESC
            LIMIT ?
            """;

    private static final String SELECT_MAINTENANCES = "SELECT " + COLUMNS + """
             FROM incidents
            WHERE kind = 'maintenance'%s
            ORDER BY scheduled_for DESC, id DESC
            LIMIT ?
            """;

    private static final String SELECT_UNFINISHED = "SELECT " + COLUMNS + """
             FROM incidents
            WHERE kind = 'maintenance' AND status <> 'completed'
            ORDER BY scheduled_for, id
            """;

    private static final String SELECT_UPDATES = """
            SELECT incident_id, id, status, body, created_at, components
            FROM incident_updates
            WHERE incident_id IN (%s)
            ORDER BY incident_id, id
            """;

    /** A stored header row, before its updates are attached. */
    private record Row(long id, String name, String status, String impact, List<String> components, Instant createdAt,
                       Instant updatedAt, Instant monitoringAt, Instant resolvedAt, Instant startedAt,
                       Instant scheduledFor, Instant scheduledUntil, String postmortem, Instant postmortemPublishedAt,
                       int version) {
    }

    /** One affected component as stored in an update's JSON. */
    private record StoredChange(String component, String old_status, String new_status) {
    }

    private final SqlTransactions transactions;

    SqlIncidentStore(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Incident insert(Incident incident) {
        long id = transactions.run("store a new incident", connection -> {
            long newId = insertRow(connection, INCIDENT, row(incident));
            insertUpdates(connection, newId, incident.updates());
            return newId;
        });
        return incident(id).orElseThrow();
    }

    @Override
    public Incident save(Incident incident) {
        transactions.run("update incident " + incident.id(), connection -> {
            updateRow(connection, INCIDENT, row(incident));
            insertUpdates(connection, incident.id(), incident.updates());
            return null;
        });
        return incident(incident.id()).orElseThrow();
    }

    @Override
    public Optional<Incident> incident(long id) {
        return transactions.run("read incident " + id, connection -> rows(connection, SELECT_ONE, List.of(id, INCIDENT)))
                .stream().map(this::incident).findFirst();
    }

    @Override
    public List<Incident> incidents(IncidentFilter filter, Position after, int limit) {
        List<Object> args = new ArrayList<>();
        filter.statuses().forEach(s -> args.add(s.code()));
        String keyset = after(after, "created_at", args);
        args.add(limit);
        String sql = SELECT_INCIDENTS.formatted(String.join(", ", Collections.nCopies(filter.statuses().size(), "?")), keyset);
        return attachUpdates("list incidents", sql, args).stream().map(this::incident).toList();
    }

    @Override
    public Maintenance insert(Maintenance maintenance) {
        long id = transactions.run("store a new maintenance", connection -> {
            long newId = insertRow(connection, MAINTENANCE, row(maintenance));
            insertUpdates(connection, newId, maintenance.updates());
            return newId;
        });
        return maintenance(id).orElseThrow();
    }

    @Override
    public Maintenance save(Maintenance maintenance) {
        transactions.run("update maintenance " + maintenance.id(), connection -> {
            updateRow(connection, MAINTENANCE, row(maintenance));
            insertUpdates(connection, maintenance.id(), maintenance.updates());
            return null;
        });
        return maintenance(maintenance.id()).orElseThrow();
    }

    @Override
    public Optional<Maintenance> maintenance(long id) {
        return transactions.run("read maintenance " + id, connection -> rows(connection, SELECT_ONE, List.of(id, MAINTENANCE)))
                .stream().map(this::maintenance).findFirst();
    }

    @Override
    public List<Maintenance> maintenances(Position after, int limit) {
        List<Object> args = new ArrayList<>();
        String keyset = after(after, "scheduled_for", args);
        args.add(limit);
        return attachUpdates("list maintenances", SELECT_MAINTENANCES.formatted(keyset), args).stream()
                .map(this::maintenance).toList();
    }

    /** The condition of a page after {@code after} in a list ordered by {@code column} and id, newest first; its values go to {@code args}. */
    private static String after(Position after, String column, List<Object> args) {
        if (after == null) {
            return "";
        }
        long millis = after.at().toEpochMilli();
        args.addAll(List.of(millis, millis, after.id()));
        return " AND (" + column + " < ? OR (" + column + " = ? AND id < ?))";
    }

    @Override
    public List<Maintenance> unfinishedMaintenances() {
        return attachUpdates("list unfinished maintenances", SELECT_UNFINISHED, List.of()).stream()
                .map(this::maintenance).toList();
    }

    // --- rows --------------------------------------------------------------------------------

    private record Loaded(Row row, List<Update> updates) {
    }

    private Incident incident(Loaded l) {
        Row r = l.row();
        Postmortem postmortem = r.postmortem() == null ? null : new Postmortem(Markdown.of(r.postmortem()), r.postmortemPublishedAt());
        return new Incident(r.id(), r.name(), IncidentStatus.valueOf(r.status().toUpperCase()),
                Impact.valueOf(r.impact().toUpperCase()), r.createdAt(), r.updatedAt(), r.monitoringAt(), r.resolvedAt(),
                postmortem, l.updates(), r.version());
    }

    private Maintenance maintenance(Loaded l) {
        Row r = l.row();
        return new Maintenance(r.id(), r.name(), MaintenanceStatus.valueOf(r.status().toUpperCase()), r.scheduledFor(),
                r.scheduledUntil(), r.components(), r.createdAt(), r.updatedAt(), r.startedAt(), r.resolvedAt(),
                l.updates(), r.version());
    }

    private static Row row(Incident i) {
        return new Row(i.id(), i.name(), i.status().code(), i.impact().code(), List.of(), i.createdAt(), i.updatedAt(),
                i.monitoringAt(), i.resolvedAt(), null, null, null,
                i.postmortem() == null ? null : i.postmortem().body().source(),
                i.postmortem() == null ? null : i.postmortem().publishedAt(), i.version());
    }

    private static Row row(Maintenance m) {
        return new Row(m.id(), m.name(), m.status().code(), MAINTENANCE, m.componentIds(), m.createdAt(), m.updatedAt(),
                null, m.completedAt(), m.startedAt(), m.scheduledFor(), m.scheduledUntil(), null, null, m.version());
    }

    private long insertRow(Connection connection, String kind, Row r) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, kind);
            bindRow(insert, 2, r);
            insert.setInt(15, r.version());
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private void updateRow(Connection connection, String kind, Row r) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bindRow(update, 1, r);
            update.setInt(14, r.version());
            update.setLong(15, r.id());
            update.setString(16, kind);
            update.setInt(17, r.version() - 1);
            if (update.executeUpdate() != 1) {
                throw new IncidentException(IncidentException.Reason.CONFLICT, kind + " " + r.id()
                        + " was changed by someone else meanwhile; read it again and retry");
            }
        }
    }

    /** Binds name .. postmortem_published_at (13 parameters) from {@code first}. */
    private void bindRow(PreparedStatement s, int first, Row r) throws SQLException {
        s.setString(first, r.name());
        s.setString(first + 1, r.status());
        s.setString(first + 2, r.impact());
        s.setString(first + 3, json(r.components()));
        SqlTransactions.setMillis(s, first + 4, r.createdAt());
        SqlTransactions.setMillis(s, first + 5, r.updatedAt());
        SqlTransactions.setMillis(s, first + 6, r.monitoringAt());
        SqlTransactions.setMillis(s, first + 7, r.resolvedAt());
        SqlTransactions.setMillis(s, first + 8, r.startedAt());
        SqlTransactions.setMillis(s, first + 9, r.scheduledFor());
        SqlTransactions.setMillis(s, first + 10, r.scheduledUntil());
        s.setString(first + 11, r.postmortem());
        SqlTransactions.setMillis(s, first + 12, r.postmortemPublishedAt());
    }

    /** Appends the updates not stored yet (id 0). */
    private void insertUpdates(Connection connection, long incidentId, List<Update> updates) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_UPDATE)) {
            for (Update u : updates) {
                if (u.id() != 0) {
                    continue;
                }
                insert.setLong(1, incidentId);
                insert.setString(2, u.status().code());
                insert.setString(3, u.body().source());
                insert.setLong(4, u.createdAt().toEpochMilli());
                insert.setString(5, json(u.changes().stream().map(c -> new StoredChange(c.componentId(),
                        c.oldStatus().code(), c.newStatus().code())).toList()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private List<Loaded> attachUpdates(String what, String sql, List<Object> args) {
        return transactions.run(what, connection -> rows(connection, sql, args));
    }

    /** The header rows of a query, each with its updates (read in one more query). */
    private List<Loaded> rows(Connection connection, String sql, List<Object> args) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, args);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            components(rs.getString(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                            instant(rs, 10), instant(rs, 11), instant(rs, 12), rs.getString(13), instant(rs, 14),
                            rs.getInt(15)));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Update>> updates = new HashMap<>();
        Map<Long, String> kinds = new HashMap<>();
        rows.forEach(r -> kinds.put(r.id(), r.impact())); // a maintenance is stored with impact "maintenance"
        String select = SELECT_UPDATES.formatted(String.join(", ", Collections.nCopies(rows.size(), "?")));
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            bind(statement, rows.stream().map(r -> (Object) r.id()).toList());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long incidentId = rs.getLong(1);
                    boolean maintenance = MAINTENANCE.equals(kinds.get(incidentId));
                    String status = rs.getString(3).toUpperCase();
                    LifecycleStatus parsed = maintenance ? MaintenanceStatus.valueOf(status) : IncidentStatus.valueOf(status);
                    updates.computeIfAbsent(incidentId, k -> new ArrayList<>()).add(new Update(rs.getLong(2), parsed,
                            Markdown.of(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), changes(rs.getString(6))));
                }
            }
        }
        return rows.stream().map(r -> new Loaded(r, updates.getOrDefault(r.id(), List.of()))).toList();
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof String s) {
                statement.setString(i + 1, s);
            } else if (arg instanceof Integer n) {
                statement.setInt(i + 1, n);
            } else {
                statement.setLong(i + 1, (Long) arg);
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value, e);
        }
    }

    private static List<String> components(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt components column: " + json, e);
        }
    }

    private static List<ComponentChange> changes(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<StoredChange>>() { }).stream()
                    .map(c -> new ComponentChange(c.component(), AffectedStatus.valueOf(c.old_status().toUpperCase()),
                            AffectedStatus.valueOf(c.new_status().toUpperCase())))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt components column of an update: " + json, e);
        }
    }
}
