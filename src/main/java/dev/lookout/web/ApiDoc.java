package dev.lookout.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the OpenAPI document says of one route, written where the route is declared
 * ({@link Route#documented(ApiDoc)}): a summary, its query parameters, the record its JSON body
 * is read into, and its answers. The rest comes from the route itself: path parameters from
 * {@code {name}} in the path, the role as a security requirement, and the error answers a role,
 * a path parameter, a query or a body can lead to ({@link OpenApiDocument}).
 *
 * <pre>{@code
 * Route.get("/api/v1/alerts", Role.VIEWER, this::list)
 *         .documented(ApiDoc.of("Alert episodes and notifications, newest first")
 *                 .query("status", "only notifications with this status: pending, delivered or dead")
 *                 .paged(100, 1000))
 * }</pre>
 *
 * @param summary      one line on what the route does
 * @param description  more, in Markdown; empty for none
 * @param query        the query parameters, in order
 * @param body         the record a JSON request body is read into ({@link JsonBody}); null: no body
 * @param bodyRequired whether a request without a body is refused
 * @param answers      the answers other than the errors added by {@link OpenApiDocument}, by status
 * @param contentType  the media type of the successful answers' body
 * @param paging       the list's limits, with {@code limit} and {@code cursor} and a {@code Link} header; null: not a list
 */
public record ApiDoc(String summary, String description, List<Param> query, Class<? extends Record> body,
                     boolean bodyRequired, Map<Integer, String> answers, String contentType, Paging.Limits paging) {

    /** A query parameter: its name, what it does, and whether it is a whole number rather than text. */
    public record Param(String name, String description, boolean number) {
    }

    public ApiDoc {
        Objects.requireNonNull(summary, "summary");
        query = List.copyOf(query);
        answers = Map.copyOf(answers);
    }

    /** A route answering 200 with JSON, described by {@code summary}. */
    public static ApiDoc of(String summary) {
        return new ApiDoc(summary, "", List.of(), null, false, Map.of(), "application/json", null);
    }

    /** With a longer description (Markdown). */
    public ApiDoc describedAs(String text) {
        return new ApiDoc(summary, text, query, body, bodyRequired, answers, contentType, paging);
    }

    /** With a text query parameter. */
    public ApiDoc query(String name, String what) {
        return withParam(new Param(name, what, false));
    }

    /** With a whole-number query parameter. */
    public ApiDoc numberQuery(String name, String what) {
        return withParam(new Param(name, what, true));
    }

    private ApiDoc withParam(Param param) {
        List<Param> more = new ArrayList<>(query);
        more.add(param);
        return new ApiDoc(summary, description, more, body, bodyRequired, answers, contentType, paging);
    }

    /** With a JSON request body read into {@code type}, required. */
    public ApiDoc body(Class<? extends Record> type) {
        return new ApiDoc(summary, description, query, type, true, answers, contentType, paging);
    }

    /** With a JSON request body read into {@code type} that may be left out. */
    public ApiDoc optionalBody(Class<? extends Record> type) {
        return new ApiDoc(summary, description, query, type, false, answers, contentType, paging);
    }

    /** With one more answer (a 201, a 204, a 409, ...); without any, the route answers 200. */
    public ApiDoc answers(int status, String what) {
        Map<Integer, String> more = new LinkedHashMap<>(answers);
        more.put(status, what);
        return new ApiDoc(summary, description, query, body, bodyRequired, more, contentType, paging);
    }

    /** With the successful answers' body of this media type rather than JSON. */
    public ApiDoc produces(String mediaType) {
        return new ApiDoc(summary, description, query, body, bodyRequired, answers, mediaType, paging);
    }

    /** As a list paged the one way of the API ({@link Paging}): {@code limit} within {@code limits}, {@code cursor}. */
    public ApiDoc paged(Paging.Limits limits) {
        return new ApiDoc(summary, description, query, body, bodyRequired, answers, contentType, limits);
    }
}
