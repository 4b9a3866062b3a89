package dev.lookout.web;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.config.VantageConfig;
import dev.lookout.evaluate.VantageVerdicts;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/monitors/{id}/vantage}: where a monitor is checked from, how many must agree,
 * and what each vantage point says now: its own confirmed verdict, whether it counts (healthy: a
 * recent result, a probe that is not silent) and its newest result with its timings, so that a
 * failure seen from one region shows as such (issue 14). Public like {@code /api/v1/monitors}.
 */
public final class VantageApi implements RouteGroup {
    private final Supplier<LookoutConfig> config;
    private final Function<String, List<VantageVerdicts.Point>> points;
    private final Function<String, Map<String, String>> unchecked;

    /**
     * @param points    each vantage point of a monitor as this node's verdicts by quorum see it
     * @param unchecked by probe, the monitors it said it cannot check and why ({@code ProbeResults#unchecked})
     */
    public VantageApi(Supplier<LookoutConfig> config, Function<String, List<VantageVerdicts.Point>> points,
                      Function<String, Map<String, String>> unchecked) {
        this.config = config;
        this.points = points;
        this.unchecked = unchecked;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/api/v1/monitors/{id}/vantage", Role.PUBLIC, this::vantage)
                .documented(ApiDoc.of("Where a monitor is checked from and what each vantage point says now")));
    }

    private void vantage(Context ctx) {
        String id = ctx.pathParam("id");
        LookoutConfig current = config.get();
        MonitorConfig monitor = current.monitor(id).orElseThrow(() -> ApiException.notFound("no monitor with id '" + id + "'"));
        VantageConfig vantage = monitor.vantage();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("monitor", id);
        body.put("from", vantage.from());
        body.put("points", vantage.points(current.probes()));
        body.put("quorum", quorum(vantage.quorum()));
        body.put("partial", vantage.partial().name().toLowerCase());
        body.put("vantage_points", points.apply(id).stream().map(p -> point(p, unchecked.apply(p.name()).get(id))).toList());
        ctx.json(body);
    }

    private static Object quorum(VantageConfig.Quorum quorum) {
        return switch (quorum) {
            case VantageConfig.Quorum.Count(int n) -> n;
            case VantageConfig.Quorum.Majority m -> "majority";
            case VantageConfig.Quorum.All a -> "all";
            case VantageConfig.Quorum.Any a -> "any";
        };
    }

    private static Map<String, Object> point(VantageVerdicts.Point p, String cannot) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        if (cannot != null) {
            out.put("cannot_check", cannot);
        }
        out.put("verdict", p.verdict().name().toLowerCase());
        out.put("healthy", p.healthy());
        out.put("last_result", p.latest() == null ? null : MonitorJson.result(p.latest()));
        return out;
    }
}
