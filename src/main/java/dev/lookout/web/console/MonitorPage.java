package dev.lookout.web.console;

import dev.lookout.condition.Durations;
import dev.lookout.control.MonitorControls;
import dev.lookout.evaluate.StateChange;
import dev.lookout.evaluate.VantageVerdicts;
import dev.lookout.heartbeat.PingLog;
import dev.lookout.incident.MonitorHistory;
import dev.lookout.status.MonitorView;
import dev.lookout.status.ResponseTimes;
import dev.lookout.web.ApiException;
import dev.lookout.web.Caller;
import dev.lookout.web.MonitorControlApi;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /console/monitors/{id}}: one monitor in detail. The state history is read from
 * storage (the last {@link #HISTORY_DAYS} days, at most {@link #HISTORY_LIMIT} changes), and so
 * are a heartbeat monitor's newest {@link #PINGS} pings (through the ping log's index by monitor);
 * latency percentiles come from the hourly and daily rollups by primary key (at most 30 days of
 * hours, kept a minute), the rest from memory and the status read model. Editors pause, resume,
 * check now and silence it here, through the same {@link MonitorControls} calls as
 * {@code /api/v1/monitors/{id}/...}: each form posts and comes back to the page (post, redirect,
 * get), so the page works without script; a refused action shows the page again with the reason.
 */
public final class MonitorPage implements RouteGroup {
    static final int HISTORY_DAYS = 7;
    static final int HISTORY_LIMIT = 200;
    static final int PINGS = 20;

    private final MonitorSources sources;
    private final MonitorControls controls;
    private final ConsoleView view;
    private final InstantSource clock;

    MonitorPage(MonitorSources sources, MonitorControls controls, ConsoleView view, InstantSource clock) {
        this.sources = sources;
        this.controls = controls;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/console/monitors/{id}", Role.VIEWER, this::monitor),
                Route.of(HandlerType.POST, "/console/monitors/{id}/pause", Role.EDITOR, this::pause),
                Route.of(HandlerType.POST, "/console/monitors/{id}/resume", Role.EDITOR, this::resume),
                Route.of(HandlerType.POST, "/console/monitors/{id}/check", Role.EDITOR, this::check),
                Route.of(HandlerType.POST, "/console/monitors/{id}/silence", Role.EDITOR, this::silence),
                Route.of(HandlerType.POST, "/console/monitors/{id}/unsilence", Role.EDITOR, this::unsilence));
    }

    private void monitor(Context ctx) {
        render(ctx, ctx.pathParam("id"), done(ctx.queryParam("done")), null);
    }

    private void pause(Context ctx) {
        act(ctx, "paused", id -> controls.pause(id, ctx.formParam("reason"), until(ctx, false), Caller.of(ctx).name()));
    }

    private void resume(Context ctx) {
        act(ctx, "resumed", controls::resume);
    }

    private void check(Context ctx) {
        act(ctx, "check", id -> controls.requestCheck(id, Caller.of(ctx).name()));
    }

    private void silence(Context ctx) {
        act(ctx, "silenced", id -> controls.silence(id, until(ctx, true), ctx.formParam("reason"), Caller.of(ctx).name()));
    }

    private void unsilence(Context ctx) {
        act(ctx, "unsilenced", controls::unsilence);
    }

    /**
     * Does the action and goes back to the page with a notice; a refusal for an unknown monitor is
     * a 404, any other shows the page with its reason (a 400 or 409), the form's input lost.
     */
    private void act(Context ctx, String done, java.util.function.Consumer<String> action) {
        String id = ctx.pathParam("id");
        try {
            MonitorControlApi.act(() -> {
                action.accept(id);
                return null;
            });
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            // htmx swaps no 4xx answer in: a boosted form gets the page with the reason as a 200, a plain form the real status.
            ctx.status(ctx.header("HX-Request") != null ? 200 : e.status());
            render(ctx, id, null, e.getMessage());
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.redirect("/console/monitors/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "?done=" + done,
                HttpStatus.SEE_OTHER);
    }

    /** The form's {@code until}: a duration from now (2h) or a time in ISO-8601; null when blank and not required. */
    private Instant until(Context ctx, boolean required) {
        String text = ctx.formParam("until");
        if (text == null || text.isBlank()) {
            if (required) {
                throw new ApiException(400, "a silence needs an end: give a duration from now (2h) or a time "
                        + "(2026-12-01T22:00:00Z)");
            }
            return null;
        }
        Optional<Duration> duration = Durations.parse(text);
        if (duration.isPresent()) {
            return clock.instant().plus(duration.get());
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "until: '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "' is neither a duration from now (30m, 2h, 1d) nor a time in ISO-8601 with zone (2026-12-01T22:00:00Z)");
        }
    }

    /** The notice after an action: only the page's own words, so that a link cannot make the page say anything else. */
    private static String done(String given) {
        return given == null ? null : switch (given) {
            case "paused" -> "Paused: it is not checked until resumed.";
            case "resumed" -> "Resumed: it is evaluated afresh from its next check.";
            case "check" -> "A check is asked for: its result shows here within seconds.";
            case "silenced" -> "Silenced: its alerts wait until the silence ends.";
            case "unsilenced" -> "The silence is over: an alert it held goes out if the problem is still there.";
            default -> null;
        };
    }

    private void render(Context ctx, String id, String done, String problem) {
        MonitorRow row = sources.board().row(id).orElseThrow(() -> ApiException.notFound("no monitor with id '" + id + "'"));
        Instant now = clock.instant();
        Optional<MonitorView> shown = sources.views().apply(id);
        List<StateChange> changes = new ArrayList<>(sources.history().stateChanges(List.of(id),
                now.minus(Duration.ofDays(HISTORY_DAYS)), now, HISTORY_LIMIT));
        Collections.reverse(changes);
        Double day = shown.map(MonitorView::uptime24h).orElse(null);
        Double week = shown.map(MonitorView::uptime7d).orElse(null);
        Double month = shown.map(MonitorView::uptime30d).orElse(null);
        ResponseTimes responseTimes = sources.responseTimes();
        List<MonitorDetail.Window> windows = List.of(
                new MonitorDetail.Window("24 hours", day, responseTimes.summary(id, ResponseTimes.Window.DAY)),
                new MonitorDetail.Window("7 days", week, responseTimes.summary(id, ResponseTimes.Window.WEEK)),
                new MonitorDetail.Window("30 days", month, responseTimes.summary(id, ResponseTimes.Window.MONTH)));
        List<PingLog.LoggedPing> pings = "heartbeat".equals(row.type()) ? sources.pingLog().page(id, null, PINGS) : List.of();
        MonitorDetail detail = new MonitorDetail(row, day, week, month,
                sources.board().last(id).or(() -> shown.map(MonitorView::lastResult)).orElse(null),
                sources.vantage().apply(id), changes, now, windows, pings);
        Map<String, Object> model = new HashMap<>();
        model.put("detail", detail);
        model.put("pause", controls.pause(id).orElse(null));
        model.put("silence", controls.silence(id).orElse(null));
        model.put("done", done);
        model.put("problem", problem);
        model.put("source", source(ctx, id));
        view.render(ctx, "console/monitor.jte", model, 16_384);
    }

    /** Where the monitor is defined; its YAML for admins only (a file's entry may hold a literal secret). */
    private MonitorSource source(Context ctx, String id) {
        var origins = sources.config().get().origins();
        var origin = origins.of(id).orElse(null);
        boolean admin = dev.lookout.web.Caller.of(ctx).role().atLeast(dev.lookout.account.AccountRole.ADMIN);
        return new MonitorSource(origin, admin && origin != null ? origin.yaml() : null, origins.problemsOf(id), admin);
    }
}
