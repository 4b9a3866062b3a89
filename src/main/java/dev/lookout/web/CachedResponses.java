package dev.lookout.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Serves documents that are rebuilt from a snapshot (the status page, the {@code /api/v2}
 * documents) the way a static file server would: the gzip form is made once per distinct content,
 * not per request; a strong ETag from the content and a Last-Modified of when the content last
 * changed answer conditional requests with 304. During an outage's traffic spike most readers
 * poll, so most requests cost a header comparison.
 */
public final class CachedResponses {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CachedResponses.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** Below this, gzip saves less than its header costs. */
    private static final int MIN_GZIP_BYTES = 256;

    /** One document in both encodings, with its validators. */
    record Entry(byte[] body, byte[] gzip, String etag, Instant lastModified, String contentType) {
    }

    private final InstantSource clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public CachedResponses(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Sends {@code body} (the current rendering of the document {@code key}); the same array as
     * last time costs nothing, equal content keeps its ETag, gzip form and Last-Modified.
     */
    public void send(Context ctx, String key, byte[] body, String contentType, String cacheControl) {
        Entry entry = entry(key, body, contentType);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", entry.etag());
        ctx.header("Last-Modified", HTTP_DATE.format(entry.lastModified()));
        ctx.header("Vary", "Accept-Encoding");
        if (notModified(ctx, entry)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(entry.contentType());
        String accept = ctx.header("Accept-Encoding");
        byte[] bytes = entry.body();
        if (entry.gzip() != null && accept != null && accept.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            bytes = entry.gzip();
        }
        // Straight to the servlet stream with its length: Javalin's result() would copy the bytes through its
        // compression-aware stream in small chunks, which costs more than the rest of the request for a big page.
        ctx.res().setContentLength(bytes.length);
        if (!"HEAD".equals(ctx.method().name())) {
            try {
                ctx.res().getOutputStream().write(bytes);
            } catch (java.io.IOException e) {
                // The reader went away mid-answer (a closed tab, a load tester stopping): nothing to answer, nothing wrong here.
                log.debug("{} {}: client gone: {}", ctx.method(), ctx.path(), e.getMessage());
            }
        }
    }

    Entry entry(String key, byte[] body, String contentType) {
        Entry previous = entries.get(key);
        if (previous != null && previous.body() == body) {
            return previous;
        }
        String etag = etag(body);
        Entry next = previous != null && previous.etag().equals(etag)
                ? new Entry(body, previous.gzip(), etag, previous.lastModified(), contentType)
                : new Entry(body, body.length < MIN_GZIP_BYTES ? null : gzip(body), etag,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), contentType);
        entries.put(key, next);
        return next;
    }

    private static boolean notModified(Context ctx, Entry entry) {
        return notModified(ctx, entry.etag(), entry.lastModified());
    }

    /**
     * Whether the reader already has this version: {@code If-None-Match} decides when present,
     * {@code If-Modified-Since} only without it (RFC 9110, 13.1.3); an unreadable date is ignored.
     */
    static boolean notModified(Context ctx, String etag, Instant lastModified) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false; // If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3)
        }
        String ifModifiedSince = ctx.header("If-Modified-Since");
        if (ifModifiedSince != null) {
            try {
                Instant since = Instant.from(HTTP_DATE.parse(ifModifiedSince.strip()));
                return !lastModified.isAfter(since);
            } catch (java.time.format.DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
