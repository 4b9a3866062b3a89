package dev.lookout.subscribe;

import dev.lookout.alert.AlertWrites;
import dev.lookout.alert.Outbox;
import dev.lookout.alert.OutboxEntry;
import dev.lookout.config.LookoutConfig;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentListener;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.MaintenanceStatus;
import dev.lookout.incident.Update;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one outbox row per confirmed subscriber concerned by an incident's new update (created,
 * updated, resolved) or a maintenance's start or end. Each row has a key naming the subscriber
 * and the update ({@code sub/12/incident/42/update/3}), so running the fan-out again, after a
 * restart or on another node, writes nothing twice. A subscriber hears only of updates made after
 * they confirmed.
 */
public final class SubscriberFanOut implements IncidentListener {
    private static final Logger log = LoggerFactory.getLogger(SubscriberFanOut.class);
    /** How far back a start looks for updates whose notices a crash may have lost: as long as the outbox retries one. */
    public static final Duration CATCH_UP = Duration.ofDays(1);

    private final Subscribers subscribers;
    private final Outbox outbox;
    private final Supplier<LookoutConfig> config;
    private final InstantSource clock;

    public SubscriberFanOut(Subscribers subscribers, Outbox outbox, Supplier<LookoutConfig> config, InstantSource clock) {
        this.subscribers = subscribers;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void incidentChanged(Incident incident, List<Update> added) {
        int first = incident.updates().size() - added.size() + 1;
        write(incident, first);
    }

    @Override
    public void maintenanceChanged(Maintenance maintenance, List<Update> added) {
        write(maintenance, maintenance.updates().size() - added.size());
    }

    /**
     * Writes what the updates made since {@code since} call for and is not in the outbox yet: after
     * a crash between storing an update and its fan-out, the notices are written at the next start.
     * Returns the rows offered (those already written are kept once).
     */
    public int catchUp(List<Incident> incidents, List<Maintenance> maintenances, Instant since) {
        int written = 0;
        for (Incident incident : incidents) {
            written += write(incident, firstSince(incident.updates(), since) + 1);
        }
        for (Maintenance maintenance : maintenances) {
            written += write(maintenance, firstSince(maintenance.updates(), since));
        }
        return written;
    }

    private static int firstSince(List<Update> updates, Instant since) {
        int i = 0;
        while (i < updates.size() && updates.get(i).createdAt().isBefore(since)) {
            i++;
        }
        return i;
    }

    /** Notices for the incident's updates from number {@code first} (1-based) on. */
    private int write(Incident incident, int first) {
        if (first > incident.updates().size()) {
            return 0;
        }
        LookoutConfig current = config.get();
        List<Subscriber> confirmed = subscribers.confirmed();
        List<OutboxEntry> entries = new ArrayList<>();
        for (int n = first; n <= incident.updates().size(); n++) {
            Update update = incident.updates().get(n - 1);
            SubscriberEvent event = n == 1 ? SubscriberEvent.INCIDENT_CREATED
                    : update.status() == IncidentStatus.RESOLVED ? SubscriberEvent.INCIDENT_RESOLVED : SubscriberEvent.INCIDENT_UPDATED;
            SubscriberNotice notice = SubscriberNotice.of(event, incident, n, current.components(), current.server().publicUrl());
            entries.addAll(entries(confirmed, notice, event, update, "incident/" + incident.id() + "/update/" + n));
        }
        return write("incident " + incident.id(), entries);
    }

    /** Notices for the maintenance's updates from index {@code first} (0-based) on that started or ended it. */
    private int write(Maintenance maintenance, int first) {
        LookoutConfig current = config.get();
        List<Subscriber> confirmed = null;
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = Math.max(first, 1); i < maintenance.updates().size(); i++) {
            Update update = maintenance.updates().get(i);
            boolean wasUnderWay = ((MaintenanceStatus) maintenance.updates().get(i - 1).status()).underWay();
            SubscriberEvent event;
            if (update.status() == MaintenanceStatus.COMPLETED) {
                event = SubscriberEvent.MAINTENANCE_COMPLETED;
            } else if (((MaintenanceStatus) update.status()).underWay() && !wasUnderWay
                    && maintenance.status() != MaintenanceStatus.COMPLETED) {
                // A start is not announced once the maintenance is over (a late timer moved it through both at once).
                event = SubscriberEvent.MAINTENANCE_STARTED;
            } else {
                continue;
            }
            if (confirmed == null) {
                confirmed = subscribers.confirmed();
            }
            SubscriberNotice notice = SubscriberNotice.of(event, maintenance, update, current.components(),
                    current.server().publicUrl());
            String which = event == SubscriberEvent.MAINTENANCE_STARTED ? "started" : "completed";
            entries.addAll(entries(confirmed, notice, event, update, "maintenance/" + maintenance.id() + "/" + which));
        }
        return write("maintenance " + maintenance.id(), entries);
    }

    private List<OutboxEntry> entries(List<Subscriber> confirmed, SubscriberNotice notice, SubscriberEvent event, Update update,
                                      String what) {
        Instant now = clock.instant();
        String body = notice.json();
        List<OutboxEntry> out = new ArrayList<>();
        for (Subscriber s : confirmed) {
            if (s.follows(notice.componentIds()) && !s.confirmedAt().isAfter(update.createdAt())) {
                out.add(new OutboxEntry("sub/" + s.id() + "/" + what, null, s.channelId(), event.name(), body, false, now, now));
            }
        }
        return out;
    }

    private int write(String about, List<OutboxEntry> entries) {
        if (!entries.isEmpty()) {
            outbox.write(new AlertWrites(List.of(), entries));
            log.info("subscribers: {} notice(s) about {} offered to the outbox (a key written before is kept once)", entries.size(), about);
        }
        return entries.size();
    }
}
