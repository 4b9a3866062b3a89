package dev.lookout.web;

import dev.lookout.incident.IncidentException;
import io.javalin.http.Handler;

/** Turns the incident package's refusals into API errors: invalid → 400, not found → 404, conflict → 409. */
final class IncidentErrors {
    private IncidentErrors() {
    }

    static Handler mapped(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (IncidentException e) {
                throw new ApiException(status(e), e.getMessage());
            }
        };
    }

    /** The answer's status for a refusal: invalid 400, not found 404, conflict 409. */
    static int status(IncidentException e) {
        return switch (e.reason()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }

    /** The numeric id in the path, or a 404 naming what was asked for. */
    static long id(io.javalin.http.Context ctx, String what) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no " + what + " with id '" + raw + "'");
        }
    }
}
