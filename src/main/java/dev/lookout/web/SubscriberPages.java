package dev.lookout.web;

import io.javalin.http.Context;

/**
 * The small pages behind the links in subscribers' mails: a question with one button (a GET
 * never changes anything: mail scanners open links to check them), then the answer. Every value
 * is escaped; the token in the address does not leave in a Referer.
 */
final class SubscriberPages {

    private SubscriberPages() {
    }

    /** {@code button} null: no form. */
    static void page(Context ctx, int status, String title, String text, String button) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\"><title>" + escape(title)
                + "</title></head><body><main><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p>"
                + (button == null ? "" : "<form method=\"post\"><button type=\"submit\">" + escape(button) + "</button></form>")
                + "</main></body></html>";
        ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE); // a 404 page stays a page, not the generic JSON
        ctx.status(status).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").html(html);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
