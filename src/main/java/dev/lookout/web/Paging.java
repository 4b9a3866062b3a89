package dev.lookout.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one convention of every list in the API: {@code ?limit=N} (1 to the list's maximum; a
 * default when absent) and {@code ?cursor=NEXT} with the {@code next} of the previous answer for
 * the page after it ({@code before} is its older name, still read). The answer carries
 * {@code next} in its body (null on the last page) and, while there is a next page, a
 * {@code Link: <...>; rel="next"} header with the address of that page. A cursor names the last
 * item shown, not a position, so an item added meanwhile neither repeats nor hides another.
 */
public final class Paging {
    private static final String CURSOR = "cursor";
    private static final String OLD_CURSOR = "before";

    /** A list's default and largest {@code limit}. */
    public record Limits(int defaultLimit, int max) {
        public Limits {
            if (defaultLimit < 1 || defaultLimit > max) {
                throw new IllegalArgumentException("default limit " + defaultLimit + " is not within 1.." + max);
            }
        }
    }

    /**
     * How the items of a list held in memory follow one another: the cursor of an item, whether one
     * comes after a cursor, and what a cursor must be (a 400 otherwise, even when the list is empty).
     */
    record Order<T>(Function<T, String> cursor, BiPredicate<T, String> after, java.util.function.Consumer<String> valid) {
        /** Ordered by a text key, ascending (monitors by id, users by name). */
        static <T> Order<T> byText(Function<T, String> key) {
            return new Order<>(key, (item, cursor) -> key.apply(item).compareTo(cursor) > 0, cursor -> { });
        }

        /** Ordered by a positive number, ascending ({@code newestFirst} false) or descending; a cursor that is no number is a 400. */
        static <T> Order<T> byNumber(java.util.function.ToLongFunction<T> key, boolean newestFirst) {
            return new Order<>(item -> String.valueOf(key.applyAsLong(item)), (item, cursor) -> {
                long at = number(cursor);
                return newestFirst ? key.applyAsLong(item) < at : key.applyAsLong(item) > at;
            }, Paging::number);
        }
    }

    private Paging() {
    }

    /** {@code ?limit=}: the default when absent, else a number from 1 to the maximum, or a 400. */
    static int limit(Context ctx, Limits limits) {
        return limit(ctx, limits.defaultLimit(), limits.max());
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

    /** {@code ?cursor=} (or {@code ?before=}) as it was sent: the {@code next} of a previous page, or null for the first page. */
    static String cursor(Context ctx) {
        String raw = ctx.queryParam(CURSOR);
        if (raw == null || raw.isBlank()) {
            raw = ctx.queryParam(OLD_CURSOR);
        }
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /** {@code ?cursor=} (or {@code ?before=}) of a list paged by id: a positive number, or null for the first page. */
    static Long before(Context ctx) {
        String raw = cursor(ctx);
        return raw == null ? null : number(raw);
    }

    private static long number(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("cursor must be the 'next' of a previous page, not '" + raw + "'");
    }

    /** A cursor of a list ordered by a time, then id, newest first: {@code MILLIS_ID}, the time (epoch ms) and id of a page's last item. */
    public record TimeAndId(java.time.Instant at, long id) {
        public String text() {
            return at.toEpochMilli() + "_" + id;
        }
    }

    /** {@code ?cursor=} (or {@code ?before=}) of a list ordered by time and id: null for the first page, a 400 when not {@code MILLIS_ID}. */
    public static TimeAndId timeAndId(Context ctx) {
        String raw = cursor(ctx);
        if (raw == null) {
            return null;
        }
        int split = raw.indexOf('_');
        try {
            if (split > 0) {
                return new TimeAndId(java.time.Instant.ofEpochMilli(Long.parseLong(raw.substring(0, split))),
                        Long.parseLong(raw.substring(split + 1)));
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            // reported below
        }
        throw ApiException.badRequest("cursor must be the 'next' of a previous page (MILLIS_ID), not '" + raw + "'");
    }

    /** One page of a list held in memory, in its order: the items after the cursor, and the next cursor (null on the last page). */
    record Page<T>(List<T> items, String next) {
    }

    /** The page the request asks for of {@code ordered}, with the {@code Link} header set when there is a next page. */
    static <T> Page<T> of(Context ctx, List<T> ordered, Limits limits, Order<T> order) {
        int limit = limit(ctx, limits);
        String cursor = cursor(ctx);
        if (cursor != null) {
            order.valid().accept(cursor);
        }
        List<T> after = cursor == null ? ordered : ordered.stream().filter(item -> order.after().test(item, cursor)).toList();
        List<T> items = after.stream().limit(limit).toList();
        String next = after.size() > limit ? order.cursor().apply(items.get(limit - 1)) : null;
        link(ctx, next);
        return new Page<>(items, next);
    }

    /** The longest address a {@code Link} header repeats: a client's query is not echoed by the kilobyte. */
    static final int MAX_LINK = 2_048;

    /**
     * Sets {@code Link: <this address with cursor=next>; rel="next"} when {@code next} is not null,
     * for clients that follow links rather than read the body; not when that address would be
     * longer than {@link #MAX_LINK} (the body's {@code next} still says where to go on).
     */
    static void link(Context ctx, String next) {
        if (next == null) {
            return;
        }
        String query = ctx.queryParamMap().entrySet().stream()
                .filter(e -> !e.getKey().equals(CURSOR) && !e.getKey().equals(OLD_CURSOR))
                .flatMap(e -> e.getValue().stream().map(v -> Map.entry(e.getKey(), v)))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String url = ctx.path() + "?" + (query.isEmpty() ? "" : query + "&") + CURSOR + "=" + encode(next);
        if (url.length() <= MAX_LINK) {
            ctx.header("Link", "<" + url + ">; rel=\"next\"");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
