package dev.lookout.incident;

import dev.lookout.alert.AckLinks;
import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An outage played through the real pieces with a hand-moved clock: results go through the monitor
 * state machine, state changes through the alert engine into a real SQLite store, notifications
 * are marked delivered or failed as the sender would, someone acknowledges, and an operator opens,
 * updates and resolves an incident. Shared by the timeline tests of the incident and web packages.
 *
 * <pre>
 * 11:00  shop fails once (outside the window: the incident opens at 12:10, the lookback is 1 h)
 * 11:58  shop degraded        11:59  degraded again → UP → DEGRADED, alert to ops-slack (delivered 11:59:01)
 * 12:00  shop refused; pg (another component) refused too
 * 12:01  shop refused again → DEGRADED → DOWN, alerts to ops-slack (delivered 12:01:03) and oncall
 *        (503 at 12:01:03, delivered at 12:01:20); pg → DOWN
 * 12:05  alice acknowledges    12:10  incident opened (web: major outage)    12:20  identified
 * 12:30  shop answers → DOWN → UP                                           12:40  resolved
 * </pre>
 */
public final class RecordedOutage implements AutoCloseable {
    private static final String CONFIG = """
            server: { public_url: "https://status.example.com" }
            components:
              - { id: web, name: Web Shop }
              - { id: db, name: Database }
            monitors:
              - { id: shop, type: tcp, host: 127.0.0.1, port: 1, component: web, failure_threshold: 2 }
              - { id: shop-dns, type: tcp, host: 127.0.0.1, port: 2, component: web }
              - { id: pg, type: tcp, host: 127.0.0.1, port: 3, component: db, failure_threshold: 2 }
            channels:
              - { id: ops-slack, type: webhook, url: "http://127.0.0.1:9/hook" }
              - { id: oncall, type: webhook, url: "http://127.0.0.1:9/page" }
            alerting:
              routes:
                - { channels: [ops-slack], on: [down, degraded, recovered] }
                - { monitors: [shop, pg], channels: [oncall] }
            """;

    public final ManualTime clock = new ManualTime(at("10:00:00"));
    public final LookoutConfig config;
    public final Store store;
    public final Incidents incidents;
    public final TimelineBuilder timelines;
    private final MonitorStates states;
    private final AlertEngine alerts;

    public RecordedOutage(Path dir) throws Exception {
        config = new ConfigLoader(CheckTypes.standard(), dev.lookout.alert.channel.Channels.standard(), Map.of())
                .parse("outage.yaml", CONFIG);
        store = Stores.open("sqlite:" + dir.resolve("outage.db"), StoreOptions.defaults().withClock(clock)
                .withFlushInterval(Duration.ofMillis(5)));
        alerts = new AlertEngine(() -> config, store.alerts(), clock,
                new AckLinks(new byte[32], "https://status.example.com", Duration.ofHours(24)), "node-1");
        alerts.start();
        states = new MonitorStates(clock, alerts::onStateChange);
        states.configure(config.monitors(), Map.of("shop", MonitorState.UP, "shop-dns", MonitorState.UP,
                "pg", MonitorState.UP));
        List<String> components = config.components().stream().map(c -> c.id()).toList();
        incidents = new Incidents(store.incidents(), () -> components, clock);
        timelines = new TimelineBuilder(store.monitorHistory(), component -> config.monitors().stream()
                .filter(m -> component.equals(m.componentId())).map(MonitorConfig::id).toList(), clock,
                TimelineBuilder.DEFAULT_LOOKBACK);
    }

    public static Instant at(String time) {
        return Instant.parse("2026-03-10T" + time + "Z");
    }

    /** Plays the whole story up to the resolution at 12:40 and returns the incident. */
    public Incident play() {
        return recoverAndResolve(playUntilIdentified().id());
    }

    /** Plays the story up to 12:20: the shop is still down, the incident open and identified. */
    public Incident playUntilIdentified() {
        result("shop", "11:00:00", Outcome.FAILED, "connect: connection refused (an early blip)");
        result("shop", "11:01:00", Outcome.OK, "");
        result("shop", "11:58:00", Outcome.DEGRADED, "latency < 300ms [degraded] failed (actual: 912ms)");
        result("shop", "11:59:00", Outcome.DEGRADED, "latency < 300ms [degraded] failed (actual: 1204ms)");
        deliver("ops-slack", "DEGRADED", "11:59:01");
        result("shop", "12:00:00", Outcome.FAILED, "connect: connection refused");
        result("pg", "12:00:00", Outcome.FAILED, "connect: connection refused");
        result("shop-dns", "12:00:00", Outcome.OK, "");
        result("shop", "12:01:00", Outcome.FAILED, "connect: connection refused");
        result("pg", "12:01:00", Outcome.FAILED, "connect: connection refused");
        deliver("ops-slack", "DOWN", "12:01:03");
        store.flush();
        long page = notification("shop", "oncall", "DOWN").id();
        store.outbox().failed(List.of(page), at("12:01:03"), "HTTP 503 from 127.0.0.1:9", at("12:01:13"), 40);
        deliver("oncall", "DOWN", "12:01:20");

        clock.advance(Duration.between(clock.instant(), at("12:05:00")));
        AlertEngine.AckResult ack = alerts.acknowledge(alerts.openEpisodeIds().get("shop"), "alice");
        if (ack != AlertEngine.AckResult.ACKNOWLEDGED) {
            throw new IllegalStateException("acknowledging the shop's episode: " + ack);
        }

        clock.advance(Duration.between(clock.instant(), at("12:10:00")));
        Incident opened = incidents.open("Checkout down", IncidentStatus.INVESTIGATING, Impact.MAJOR,
                "Checkout fails for all users.", Map.of("web", AffectedStatus.MAJOR_OUTAGE));
        clock.advance(Duration.ofMinutes(10));
        Incident identified = incidents.update(opened.id(), IncidentStatus.IDENTIFIED, "A full disk | on the shop host.",
                Map.of(), null);
        store.flush();
        return identified;
    }

    /** From 12:20: the shop answers at 12:30, the incident is resolved at 12:40. */
    public Incident recoverAndResolve(long incidentId) {
        result("shop", "12:30:00", Outcome.OK, "");
        clock.advance(Duration.between(clock.instant(), at("12:40:00")));
        Incident resolved = incidents.resolve(incidentId, null, Map.of());
        store.flush();
        return resolved;
    }

    private void result(String monitor, String time, Outcome outcome, String message) {
        Instant startedAt = at(time);
        clock.advance(Duration.between(clock.instant(), startedAt));
        CheckResult result = new CheckResult(monitor, startedAt, outcome, message, Timings.totalOnly(1_000), List.of());
        store.append(result);
        states.onResult(result);
    }

    /** Marks the shop's notification of that kind to that channel delivered, as the outbox sender does. */
    private void deliver(String channel, String kind, String time) {
        store.flush();
        store.outbox().delivered(List.of(notification("shop", channel, kind).id()), at(time), 120);
    }

    private NotificationRecord notification(String monitor, String channel, String kind) {
        String episode = alerts.openEpisodeIds().get(monitor);
        return store.outbox().notifications(null, episode, 100).stream()
                .filter(n -> n.channelId().equals(channel) && n.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " notification of " + monitor + " to " + channel));
    }

    @Override
    public void close() {
        store.close();
    }
}
