package dev.lookout.web;

import dev.lookout.control.ControlRefused;
import dev.lookout.control.MonitorControls;
import dev.lookout.control.Pause;
import dev.lookout.control.Silence;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/monitors/{id}/pause|resume|check|silence}: what editors do to a monitor at run
 * time (issue 15), through {@link MonitorControls}; the console's monitor page does the same
 * through {@link #act}. The monitors' JSON ({@code GET /api/v1/monitors}) shows each pause and
 * silence ({@link #describe}).
 */
public final class MonitorControlApi implements RouteGroup {
    private final MonitorControls controls;

    public MonitorControlApi(MonitorControls controls) {
        this.controls = controls;
    }

    record PauseRequest(String reason, Instant until) {
    }

    record SilenceRequest(Instant until, String reason) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of(HandlerType.POST, "/api/v1/monitors/{id}/pause", Role.EDITOR, this::pause)
                        .documented(ApiDoc.of("Pauses the monitor, with a reason and optionally until a time")
                                .body(PauseRequest.class).answers(409, "paused in lookout.yaml")),
                Route.of(HandlerType.POST, "/api/v1/monitors/{id}/resume", Role.EDITOR, this::resume)
                        .documented(ApiDoc.of("Resumes a paused monitor")),
                Route.of(HandlerType.POST, "/api/v1/monitors/{id}/check", Role.EDITOR, this::check)
                        .documented(ApiDoc.of("Asks for one check as soon as possible, by whichever node checks the monitor")
                                .answers(202, "the check is requested").answers(409, "a paused, heartbeat or probe-only monitor")),
                Route.of(HandlerType.POST, "/api/v1/monitors/{id}/silence", Role.EDITOR, this::silence)
                        .documented(ApiDoc.of("Holds the monitor's alerts until a time (states are still recorded)")
                                .body(SilenceRequest.class)),
                Route.of(HandlerType.DELETE, "/api/v1/monitors/{id}/silence", Role.EDITOR, this::unsilence)
                        .documented(ApiDoc.of("Ends the monitor's silence")));
    }

    private void pause(Context ctx) {
        String id = ctx.pathParam("id");
        PauseRequest request = JsonBody.read(ctx, PauseRequest.class);
        act(() -> controls.pause(id, request.reason(), request.until(), Caller.of(ctx).name()));
        answer(ctx, id, "paused");
    }

    private void resume(Context ctx) {
        String id = ctx.pathParam("id");
        boolean was = act(() -> controls.resume(id));
        answer(ctx, id, was ? "resumed" : "not_paused");
    }

    private void check(Context ctx) {
        String id = ctx.pathParam("id");
        act(() -> controls.requestCheck(id, Caller.of(ctx).name()));
        ctx.status(202);
        answer(ctx, id, "check_requested");
    }

    private void silence(Context ctx) {
        String id = ctx.pathParam("id");
        SilenceRequest request = JsonBody.read(ctx, SilenceRequest.class);
        act(() -> controls.silence(id, request.until(), request.reason(), Caller.of(ctx).name()));
        answer(ctx, id, "silenced");
    }

    private void unsilence(Context ctx) {
        String id = ctx.pathParam("id");
        boolean had = act(() -> controls.unsilence(id));
        answer(ctx, id, had ? "unsilenced" : "not_silenced");
    }

    /** The monitor's controls as they are now, with what was done; the same object goes to the audit log. */
    private void answer(Context ctx, String id, String result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("result", result);
        describe(id, out);
        AuditNote.of(ctx).object("monitor", id).after(out);
        ctx.json(out);
    }

    /** Adds the monitor's {@code pause}, {@code silence} and {@code check_requested_at} (each null when none) to its JSON. */
    void describe(String monitorId, Map<String, Object> json) {
        describe(monitorId, json, true);
    }

    /**
     * As {@link #describe(String, Map)}; for an anonymous caller ({@code operator} false) a pause and a
     * silence are shown without their reason and who gave them (both null): operators' words, not the public's.
     */
    void describe(String monitorId, Map<String, Object> json, boolean operator) {
        json.put("pause", controls.pause(monitorId).map(p -> pauseJson(p, operator)).orElse(null));
        json.put("silence", controls.silence(monitorId).map(s -> silenceJson(s, operator)).orElse(null));
        json.put("check_requested_at", controls.checkRequested(monitorId).map(Instant::toString).orElse(null));
    }

    private static Map<String, Object> pauseJson(Pause p, boolean operator) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reason", operator ? p.reason() : null);
        out.put("by", operator ? p.by() : null);
        out.put("at", p.at().toString());
        out.put("until", p.until() == null ? null : p.until().toString());
        return out;
    }

    private static Map<String, Object> silenceJson(Silence s, boolean operator) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reason", operator ? s.reason() : null);
        out.put("by", operator ? s.by() : null);
        out.put("at", s.at().toString());
        out.put("until", s.until().toString());
        return out;
    }

    /** Runs an action of {@link MonitorControls}, its refusal as the API's error: 404 unknown, 400 bad input, 409 not now. */
    public static <T> T act(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ControlRefused e) {
            throw switch (e.kind()) {
                case UNKNOWN_MONITOR -> ApiException.notFound(e.getMessage());
                case INVALID -> ApiException.badRequest(e.getMessage());
                case CONFLICT -> new ApiException(409, e.getMessage());
            };
        }
    }
}
