package dev.lookout.web;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Timings;
import dev.lookout.condition.ConditionResult;
import dev.lookout.condition.Durations;
import dev.lookout.heartbeat.HeartbeatStatus;
import java.time.Instant;
import java.util.Optional;
import dev.lookout.status.MonitorView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of {@code /api/v1/monitors}: snake_case keys, times in ISO-8601, timings in milliseconds, interval and timeout as configured (e.g. {@code "30s"}). */
final class MonitorJson {
    private MonitorJson() {
    }

    /** A monitor, with a {@code heartbeat} object when it is a heartbeat monitor. */
    static Map<String, Object> of(MonitorView m, Optional<HeartbeatStatus> heartbeat) {
        Map<String, Object> out = of(m);
        heartbeat.ifPresent(h -> {
            // A push monitor has no interval or timeout of its own: its schedule is in the heartbeat object.
            out.put("interval", null);
            out.put("timeout", null);
            out.put("heartbeat", heartbeat(h));
        });
        return out;
    }

    private static Map<String, Object> heartbeat(HeartbeatStatus h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", h.state());
        out.put("schedule", h.schedule());
        out.put("grace", Durations.format(h.grace()));
        out.put("last_ping", text(h.lastPing()));
        out.put("last_ping_kind", h.lastKind());
        out.put("last_success", text(h.lastSuccess()));
        out.put("running_since", text(h.runningSince()));
        out.put("next_due", text(h.nextDue()));
        out.put("down_at", text(h.downAt()));
        out.put("last_duration_ms", h.lastDuration() == null ? null : h.lastDuration().toMillis());
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Map<String, Object> of(MonitorView m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("name", m.name());
        out.put("type", m.type());
        out.put("description", m.description());
        out.put("component", m.componentId());
        out.put("state", m.state().name().toLowerCase());
        out.put("paused", m.paused());
        out.put("maintenance", m.maintenance());
        out.put("interval", m.interval());
        out.put("timeout", m.timeout());
        out.put("last_result", m.lastResult() == null ? null : result(m.lastResult()));
        Map<String, Object> uptime = new LinkedHashMap<>();
        uptime.put("24h", m.uptime24h());
        uptime.put("7d", m.uptime7d());
        uptime.put("30d", m.uptime30d());
        out.put("uptime", uptime);
        return out;
    }

    static Map<String, Object> result(CheckResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        // As stored, to the millisecond: a node that read it from the database shows the same as the one that checked.
        out.put("started_at", r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        out.put("outcome", r.outcome().name().toLowerCase());
        out.put("message", r.message());
        out.put("timings", timings(r.timings()));
        List<Map<String, Object>> conditions = r.conditions().stream().map(MonitorJson::condition).toList();
        out.put("conditions", conditions);
        return out;
    }

    private static Map<String, Object> condition(ConditionResult c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("condition", c.condition());
        out.put("passed", c.passed());
        out.put("degraded_only", c.degradedOnly());
        out.put("actual", c.actual());
        return out;
    }

    private static Map<String, Object> timings(Timings t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dns_ms", millis(t.dnsMicros()));
        out.put("connect_ms", millis(t.connectMicros()));
        out.put("tls_ms", millis(t.tlsMicros()));
        out.put("first_byte_ms", millis(t.firstByteMicros()));
        out.put("total_ms", millis(t.totalMicros()));
        return out;
    }

    private static Double millis(long micros) {
        return micros < 0 ? null : micros / 1000.0;
    }
}
