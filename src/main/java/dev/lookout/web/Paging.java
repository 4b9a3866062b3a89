package dev.lookout.web;

import io.javalin.http.Context;

/**
 * The one convention of every list in the API: {@code ?limit=N} (1 to the list's maximum; a
 * default when absent), newest first, and {@code ?before=NEXT} with the {@code next} of the
 * previous answer for the page after it ({@code next} is null on the last page).
 */
final class Paging {
    private Paging() {
    }

    /** {@code ?limit=}: the default when absent, else a number from 1 to {@code max}, or a 400. */
    static int limit(Context ctx, int defaultLimit, int max) {
        String raw = ctx.queryParam("limit");
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("limit must be a number from 1 to " + max + ", not '" + raw + "'");
    }

    /** {@code ?before=}: the {@code next} of a previous page (an id), or null for the first page. */
    static Long before(Context ctx) {
        String raw = ctx.queryParam("before");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("before must be the 'next' of a previous page, not '" + raw + "'");
    }
}
