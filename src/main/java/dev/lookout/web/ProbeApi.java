package dev.lookout.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lookout.config.LookoutConfig;
import dev.lookout.probe.Assignments;
import dev.lookout.probe.ProbeProtocol;
import dev.lookout.probe.ProbeRegistry;
import dev.lookout.probe.ProbeResults;
import dev.lookout.probe.ProbeToken;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * The probe API: a remote probe pulls its assignment and pushes its results. Every route is
 * {@link Role#PROBE}: a probe token ({@code Authorization: Bearer lkp_...}) of the probe named in
 * {@value ProbeProtocol#NAME_HEADER}, declared under {@code probes:}; each request is noted as the
 * probe's last contact.
 */
public final class ProbeApi implements RouteGroup, RoleGuard {
    private final ProbeRegistry registry;
    private final ProbeResults results;
    private final Supplier<LookoutConfig> config;
    private final InstantSource clock;
    private final String node;
    private final java.util.function.Predicate<String> nodeNamed;

    /**
     * @param node      this server's name, noted as where the probe was last heard
     * @param nodeNamed whether a live Lookout node has this name: a probe may not, for its results are stored under its
     *                  name as a node's are
     */
    public ProbeApi(ProbeRegistry registry, ProbeResults results, Supplier<LookoutConfig> config, InstantSource clock,
                    String node, java.util.function.Predicate<String> nodeNamed) {
        this.nodeNamed = nodeNamed;
        this.registry = registry;
        this.results = results;
        this.config = config;
        this.clock = clock;
        this.node = node;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(ProbeProtocol.ASSIGNMENT_PATH, Role.PROBE, this::assignment)
                        .documented(ApiDoc.of("A remote probe's monitors and acked sequence number, with an ETag")
                                .answers(304, "unchanged since the If-None-Match")),
                Route.of(HandlerType.POST, ProbeProtocol.RESULTS_PATH, Role.PROBE, this::results).takingInData()
                        .documented(ApiDoc.of("Stores a probe's batch of results once")));
    }

    @Override
    public Role role() {
        return Role.PROBE;
    }

    @Override
    public String realm() {
        return "lookout-probe";
    }

    @Override
    public String claimHeader() {
        return ProbeProtocol.NAME_HEADER;
    }

    /** The probe's name, once its token is known, live and its own, and the probe declared. */
    @Override
    public String vouch(String token, String name, String address) {
        if (token == null) {
            throw new ApiException(401, "missing probe token: send 'Authorization: Bearer <token of lookout probe-token create>'");
        }
        if (!ProbeToken.wellFormed(token)) {
            throw new ApiException(401, "not a probe token (a probe token is " + ProbeToken.PREFIX
                    + " and 43 characters, from lookout probe-token create)");
        }
        ProbeRegistry.Token known = registry.tokenByHash(ProbeToken.sha256(token))
                .orElseThrow(() -> new ApiException(401, "unknown probe token"));
        if (known.revoked()) {
            throw new ApiException(401, "probe token " + known.id() + " was revoked at " + known.revokedAt());
        }
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("missing header " + ProbeProtocol.NAME_HEADER + " naming the probe");
        }
        if (!known.probe().equals(name)) {
            throw new ApiException(403, "this token belongs to probe '" + known.probe() + "', not '" + name + "'");
        }
        if (config.get().probe(name).isEmpty()) {
            throw new ApiException(403, "probe '" + name + "' is not declared under probes: in this server's configuration");
        }
        if (nodeNamed.test(name)) {
            throw new ApiException(403, "probe '" + name + "' has the name of a running Lookout node: a probe's results are"
                    + " stored under its name as a node's are; rename the probe (probes: and lookout probe-token) or the node");
        }
        registry.heard(known.id(), name, clock.instant(), node, address);
        return name;
    }

    private void assignment(Context ctx) throws JsonProcessingException {
        String probe = Caller.of(ctx).name();
        long acked = registry.probe(probe).map(ProbeRegistry.Probe::ackedSeq).orElse(0L);
        ProbeProtocol.Assignment assignment = Assignments.of(config.get(), probe, acked, results.secondOpinionsAsked())
                .orElseThrow(() -> new ApiException(403, "probe '" + probe + "' is not declared under probes:"));
        String etag = "\"" + assignment.version() + "\"";
        ctx.header("ETag", etag).header("Cache-Control", "no-cache");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(ProbeProtocol.JSON.writeValueAsString(assignment));
    }

    private void results(Context ctx) throws JsonProcessingException {
        String probe = Caller.of(ctx).name();
        if (ctx.contentLength() > ProbeProtocol.MAX_BODY_BYTES) {
            throw new ApiException(413, "a batch body may have at most " + ProbeProtocol.MAX_BODY_BYTES + " bytes");
        }
        ProbeProtocol.ResultBatch batch;
        try {
            batch = ProbeProtocol.JSON.readValue(ctx.body(), ProbeProtocol.ResultBatch.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid result batch: " + e.getOriginalMessage().split("\n")[0]);
        }
        if (batch == null) {
            throw ApiException.badRequest("expected a result batch in the request body");
        }
        if (batch.probe() != null && !batch.probe().equals(probe)) {
            throw ApiException.badRequest("the batch is of probe '" + batch.probe() + "', the request of '" + probe + "'");
        }
        ProbeProtocol.BatchAnswer answer;
        try {
            answer = results.accept(probe, batch, ctx.ip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ctx.contentType("application/json").result(ProbeProtocol.JSON.writeValueAsString(answer));
    }
}
