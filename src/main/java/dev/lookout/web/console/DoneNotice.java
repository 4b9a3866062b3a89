package dev.lookout.web.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The notice a page shows after one of its forms did something (post, redirect, get): the redirect
 * carries {@code ?done=WHAT+ID}, and the page turns it into one of its own sentences, so that a link
 * cannot make a page say anything else.
 */
final class DoneNotice {
    private DoneNotice() {
    }

    /** Sends the browser back to {@code page} with the notice {@code what} about {@code id}. */
    static void back(Context ctx, String page, String what, String id) {
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(page + "?done=" + URLEncoder.encode(what + " " + id, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    /** The sentence for {@code given} ({@code %s} in it is the id), or null when it is not one of {@code sentences}. */
    static String text(String given, Map<String, String> sentences) {
        if (given == null || given.length() > 300) {
            return null;
        }
        String[] parts = given.split(" ", 2);
        if (parts.length != 2 || !parts[1].matches("[\\w@.:-]{1,200}") || !sentences.containsKey(parts[0])) {
            return null;
        }
        return sentences.get(parts[0]).formatted(parts[1]);
    }
}
