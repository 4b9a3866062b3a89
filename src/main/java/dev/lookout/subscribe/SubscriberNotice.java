package dev.lookout.subscribe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lookout.config.ComponentConfig;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.Update;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a subscriber is told about one update of an incident or a maintenance: the JSON a webhook
 * subscriber receives (docs/status-pages.md, "Subscribers"), stored as the outbox row's body, from which a mail
 * is written. Exactly one of {@code incident} and {@code maintenance} is set.
 *
 * @param components the components the event concerns, with their status as of this update
 */
record SubscriberNotice(String event, @JsonInclude(JsonInclude.Include.NON_NULL) IncidentPart incident,
                        @JsonInclude(JsonInclude.Include.NON_NULL) MaintenancePart maintenance, UpdatePart update,
                        List<ComponentPart> components) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record IncidentPart(long id, String name, String status, String impact, String url, Instant createdAt, Instant updatedAt,
                        Instant resolvedAt) {
    }

    record MaintenancePart(long id, String name, String status, String url, Instant scheduledFor, Instant scheduledUntil) {
    }

    /** {@code body} as the operator wrote it (Markdown), {@code body_html} rendered and sanitised. */
    record UpdatePart(String status, String body, String bodyHtml, Instant createdAt) {
    }

    record ComponentPart(String id, String name, String status) {
    }

    SubscriberNotice {
        components = List.copyOf(components);
    }

    /** The notice of {@code incident}'s update number {@code n} (1 = the update it was opened with). */
    static SubscriberNotice of(SubscriberEvent event, Incident incident, int n, List<ComponentConfig> configured,
                               String publicUrl) {
        Update update = incident.updates().get(n - 1);
        Map<String, AffectedStatus> statuses = new LinkedHashMap<>();
        incident.updates().subList(0, n).forEach(u -> u.changes().forEach(c -> statuses.put(c.componentId(), c.newStatus())));
        List<ComponentPart> components = new ArrayList<>();
        statuses.forEach((id, status) -> components.add(new ComponentPart(id, name(id, configured), status.code())));
        return new SubscriberNotice(event.event(), new IncidentPart(incident.id(), incident.name(), update.status().code(),
                incident.impact().code(), url(publicUrl, incident.id()), incident.createdAt(), update.createdAt(),
                incident.resolvedAt() != null && !incident.resolvedAt().isAfter(update.createdAt()) ? incident.resolvedAt() : null),
                null, part(update), components);
    }

    /** The notice of {@code maintenance}'s {@code update}, which started or ended it. */
    static SubscriberNotice of(SubscriberEvent event, Maintenance maintenance, Update update, List<ComponentConfig> configured,
                               String publicUrl) {
        String status = event == SubscriberEvent.MAINTENANCE_STARTED ? AffectedStatus.UNDER_MAINTENANCE.code()
                : AffectedStatus.OPERATIONAL.code();
        List<ComponentPart> components = maintenance.componentIds().stream()
                .map(id -> new ComponentPart(id, name(id, configured), status)).toList();
        return new SubscriberNotice(event.event(), null, new MaintenancePart(maintenance.id(), maintenance.name(),
                update.status().code(), url(publicUrl, maintenance.id()), maintenance.scheduledFor(),
                maintenance.scheduledUntil()), part(update), components);
    }

    private static UpdatePart part(Update update) {
        return new UpdatePart(update.status().code(), update.body().source(), update.body().html(), update.createdAt());
    }

    /** Incidents and maintenances share their ids and their page, as in Statuspage. */
    private static String url(String publicUrl, long id) {
        return publicUrl + "/incidents/" + id;
    }

    static String name(String componentId, List<ComponentConfig> configured) {
        return configured.stream().filter(c -> c.id().equals(componentId)).map(ComponentConfig::name).findFirst()
                .orElse(componentId);
    }

    /** The ids of the components concerned. */
    List<String> componentIds() {
        return components.stream().map(ComponentPart::id).toList();
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notice is JSON", e);
        }
    }

    static SubscriberNotice read(String json) {
        try {
            return JSON.readValue(json, SubscriberNotice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored notice is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
