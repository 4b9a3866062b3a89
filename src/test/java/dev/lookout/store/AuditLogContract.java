package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.audit.AuditEntry;
import dev.lookout.audit.AuditLog;
import dev.lookout.audit.AuditQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with the audit log, whatever the database; mixed into
 * {@link StoreContract}, so that it runs on SQLite and on PostgreSQL.
 */
interface AuditLogContract {
    Instant T0 = Instant.parse("2026-03-10T12:30:00Z");

    Store store();

    @Test
    default void audit_entries_are_read_back_newest_first_by_actor_object_and_time_and_in_pages() {
        AuditLog log = store().auditLog();
        AuditEntry first = log.record(AuditEntry.of(T0, "ada", "10.0.0.1", "POST /api/v1/incidents", "incident", "1", null,
                "{\"name\":\"Checkout slow\"}"));
        log.record(AuditEntry.of(T0.plusSeconds(60), "api key 'ci'", "10.0.0.2", "POST /api/v1/incidents/{id}/updates",
                "incident", "1", "{\"status\":\"investigating\"}", "{\"status\":\"identified\"}"));
        log.record(AuditEntry.of(T0.plusSeconds(120), "cli", "root@ops", "lookout user add", "user", "bob", null,
                "{\"name\":\"bob\",\"role\":\"viewer\"}"));
        AuditEntry last = log.record(AuditEntry.of(T0.plusSeconds(180), "ada", "10.0.0.1", "DELETE /api/v1/users/{name}", "user",
                "bob", "{\"name\":\"bob\",\"role\":\"viewer\"}", null));

        assertThat(first.id()).isPositive();
        assertThat(last.id()).isGreaterThan(first.id());
        assertThat(log.find(AuditQuery.latest(10))).extracting(AuditEntry::action).containsExactly(
                "DELETE /api/v1/users/{name}", "lookout user add", "POST /api/v1/incidents/{id}/updates", "POST /api/v1/incidents");
        assertThat(log.find(AuditQuery.latest(10)).get(0)).isEqualTo(last);
        assertThat(log.find(new AuditQuery("ada", null, null, null, null, null, null, 10))).extracting(AuditEntry::id)
                .containsExactly(last.id(), first.id());
        assertThat(log.find(new AuditQuery(null, null, "user", "bob", null, null, null, 10))).extracting(AuditEntry::actor)
                .containsExactly("ada", "cli");
        assertThat(log.find(new AuditQuery(null, null, null, "1", T0.plusSeconds(30), T0.plusSeconds(180), null, 10)))
                .extracting(AuditEntry::actor).containsExactly("api key 'ci'");
        assertThat(log.find(new AuditQuery(null, "/incidents", null, null, null, null, null, 10))).extracting(AuditEntry::action)
                .containsExactly("POST /api/v1/incidents/{id}/updates", "POST /api/v1/incidents");
        assertThat(log.find(new AuditQuery(null, "user add", null, null, null, null, null, 10))).extracting(AuditEntry::actor)
                .containsExactly("cli");
        assertThat(log.find(new AuditQuery(null, "%", null, null, null, null, null, 10))).as("% means itself").isEmpty();
        assertThat(log.find(new AuditQuery(null, "_", null, null, null, null, null, 10))).as("_ means itself").isEmpty();

        List<AuditEntry> page1 = log.find(AuditQuery.latest(2));
        List<AuditEntry> page2 = log.find(new AuditQuery(null, null, null, null, null, null, page1.get(1).id(), 2));
        assertThat(page2).extracting(AuditEntry::objectType).containsExactly("incident", "incident");
        assertThat(page2.get(1)).isEqualTo(first);
    }

    @Test
    default void audit_entries_older_than_the_retention_are_purged() {
        AuditLog log = store().auditLog();
        log.record(AuditEntry.of(T0, "ada", null, "POST /logout", null, null, null, null));
        AuditEntry kept = log.record(AuditEntry.of(T0.plusSeconds(3600), "ada", null, "POST /logout", null, null, null, null));
        assertThat(log.purgeBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(log.purgeBefore(T0.plusSeconds(1))).isZero();
        assertThat(log.find(AuditQuery.latest(10))).containsExactly(kept);
    }
}
