package dev.lookout.incident;

import dev.lookout.config.ComponentConfig;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents that write themselves, for components with {@code auto_incident}: one incident is
 * opened when a monitor of such a component has been DOWN for the configured time (with a first
 * update saying what fails since when), updated when more components join, moved to monitoring
 * when they all work again, and resolved after a quiet period. Its updates end with
 * {@link #MARK}; as soon as an operator writes an update without it, the incident is theirs and
 * Lookout touches it no more. Because the mark is stored with the updates, a restart picks up
 * where it was. Driven by {@link #tick()}; not thread-safe.
 */
public final class AutoIncidents {
    private static final Logger log = LoggerFactory.getLogger(AutoIncidents.class);
    /** Ends every automatic update: tells readers, and tells Lookout which incidents are its own. */
    public static final String MARK = "*Automatic update by Lookout.*";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Incidents incidents;
    private final Supplier<LookoutConfig> config;
    private final Function<String, MonitorState> states;
    private final InstantSource clock;
    /** Per component, since when one of its monitors has been DOWN without interruption. */
    private final Map<String, Instant> downSince = new HashMap<>();

    public AutoIncidents(Incidents incidents, Supplier<LookoutConfig> config, Function<String, MonitorState> states,
                         InstantSource clock) {
        this.incidents = incidents;
        this.config = config;
        this.states = states;
        this.clock = clock;
    }

    public void tick() {
        LookoutConfig current = config.get();
        Instant now = clock.instant();
        Map<String, ComponentConfig> failing = new LinkedHashMap<>(); // down longer than their `after`
        Map<String, String> failingText = new LinkedHashMap<>();
        for (ComponentConfig component : current.components()) {
            if (component.autoIncident() == null) {
                downSince.remove(component.id());
                continue;
            }
            List<MonitorConfig> monitors = current.monitors().stream()
                    .filter(m -> component.id().equals(m.componentId()) && !m.paused()).toList();
            List<MonitorConfig> down = monitors.stream().filter(m -> states.apply(m.id()) == MonitorState.DOWN).toList();
            if (down.isEmpty()) {
                downSince.remove(component.id());
                continue;
            }
            Instant since = downSince.computeIfAbsent(component.id(), id -> now);
            if (!now.isBefore(since.plus(component.autoIncident().after()))) {
                failing.put(component.id(), component);
                failingText.put(component.id(), component.name() + " (" + down.size() + " of " + monitors.size()
                        + " monitors failing since " + TIME.format(since) + ")");
            }
        }
        Optional<Incident> open = ownOpenIncident();
        if (open.isEmpty()) {
            if (!failing.isEmpty()) {
                openFor(current, failing, failingText);
            }
            return;
        }
        Incident incident = open.get();
        if (!isOurs(incident.latest())) {
            return; // an operator took over the wording
        }
        if (!failing.isEmpty()) {
            Map<String, AffectedStatus> joined = new LinkedHashMap<>();
            failing.forEach((id, c) -> {
                AffectedStatus set = incident.components().get(id);
                if (set == null || set == AffectedStatus.OPERATIONAL) {
                    joined.put(id, status(current, c));
                }
            });
            if (incident.status() == IncidentStatus.MONITORING) {
                Map<String, AffectedStatus> all = new LinkedHashMap<>();
                failing.forEach((id, c) -> all.put(id, status(current, c)));
                incidents.update(incident.id(), IncidentStatus.INVESTIGATING, "The problem is back: "
                        + String.join("; ", failingText.values()) + ".\n\n" + MARK, all, null);
                log.info("automatic incident {}: failing again", incident.id());
            } else if (!joined.isEmpty()) {
                incidents.update(incident.id(), null, "Also affected: " + String.join("; ",
                        joined.keySet().stream().map(failingText::get).toList()) + ".\n\n" + MARK, joined, null);
                log.info("automatic incident {}: {} joined", incident.id(), joined.keySet());
            }
            return;
        }
        boolean anyDown = incident.components().keySet().stream().anyMatch(downSince::containsKey);
        if (anyDown) {
            return; // failing, but not for long enough to count again: wait
        }
        if (incident.status() != IncidentStatus.MONITORING) {
            Map<String, AffectedStatus> operational = new LinkedHashMap<>();
            incident.components().keySet().forEach(id -> operational.put(id, AffectedStatus.OPERATIONAL));
            incidents.update(incident.id(), IncidentStatus.MONITORING, "The affected services work again since "
                    + TIME.format(now) + ". We are monitoring the situation.\n\n" + MARK, operational, null);
            log.info("automatic incident {}: monitoring", incident.id());
            return;
        }
        Duration quiet = incident.components().keySet().stream().map(current::component).flatMap(Optional::stream)
                .map(ComponentConfig::autoIncident).filter(a -> a != null).map(ComponentConfig.AutoIncident::resolveAfter)
                .max(Duration::compareTo).orElse(ComponentConfig.AutoIncident.DEFAULT.resolveAfter());
        Instant monitoringSince = incident.latest().createdAt();
        if (!now.isBefore(monitoringSince.plus(quiet))) {
            incidents.resolve(incident.id(), "Resolved: the affected services have worked normally for "
                    + dev.lookout.condition.Durations.format(Duration.between(monitoringSince, now)) + ".\n\n" + MARK, Map.of());
            log.info("automatic incident {}: resolved", incident.id());
        }
    }

    private void openFor(LookoutConfig current, Map<String, ComponentConfig> failing, Map<String, String> text) {
        Map<String, AffectedStatus> affected = new LinkedHashMap<>();
        failing.forEach((id, c) -> affected.put(id, status(current, c)));
        Impact impact = failing.values().stream().map(c -> Impact.parse(c.autoIncident().impact()))
                .max(Enum::compareTo).orElse(Impact.MAJOR);
        List<String> names = new ArrayList<>(failing.values().stream().map(ComponentConfig::name).toList());
        Incident created = incidents.open("Problems with " + String.join(", ", names), IncidentStatus.INVESTIGATING, impact,
                "We are investigating a problem with " + String.join("; ", text.values()) + ".\n\n" + MARK, affected);
        log.warn("automatic incident {} opened for {}", created.id(), failing.keySet());
    }

    /** Major outage when every monitor of the component is down, partial otherwise. */
    private AffectedStatus status(LookoutConfig current, ComponentConfig component) {
        List<MonitorConfig> monitors = current.monitors().stream()
                .filter(m -> component.id().equals(m.componentId()) && !m.paused()).toList();
        boolean all = monitors.stream().allMatch(m -> states.apply(m.id()) == MonitorState.DOWN);
        return all ? AffectedStatus.MAJOR_OUTAGE : AffectedStatus.PARTIAL_OUTAGE;
    }

    /** The open incident Lookout opened itself, if any (newest first). */
    private Optional<Incident> ownOpenIncident() {
        return incidents.list(IncidentFilter.OPEN, 50).stream()
                .filter(i -> !i.updates().isEmpty() && isOurs(i.updates().getFirst()))
                .findFirst();
    }

    private static boolean isOurs(Update update) {
        return update.body().source().strip().endsWith(MARK);
    }
}
