package dev.lookout.subscribe;

import dev.lookout.alert.channel.MailTransport;
import dev.lookout.alert.channel.Markup;
import dev.lookout.incident.Markdown;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mails subscribers get, in one place: the confirmation mail of the double opt-in, and a
 * notice (incident title, status, affected components, the update as written and as sanitised
 * HTML, the incident link, and the unsubscribe link, also as {@code List-Unsubscribe}).
 */
final class SubscriberMail {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Markup HTML = Markup.HTML;

    /** Where a mail's links point and who it is for. */
    record Links(String publicUrl, String action) {
    }

    private SubscriberMail() {
    }

    static MailTransport.Mail confirmation(String deliveryId, String from, String to, List<String> followed, Links links,
                                           Instant at) {
        String about = about(followed);
        String text = "Someone, hopefully you, asked to receive status updates from " + links.publicUrl() + " at this address, "
                + about + ".\n\n"
                + "Confirm the subscription: " + links.action() + "\n\n"
                + "If it was not you, ignore this mail: nothing else will be sent to this address.\n";
        String html = document("Confirm your subscription",
                "<p>Someone, hopefully you, asked to receive status updates from " + HTML.link(links.publicUrl(), URI.create(links.publicUrl()))
                + " at this address, " + HTML.escape(about) + ".</p>\n"
                + "<p>" + HTML.link("Confirm the subscription", URI.create(links.action())) + "</p>\n"
                + "<p>If it was not you, ignore this mail: nothing else will be sent to this address.</p>\n");
        return new MailTransport.Mail(deliveryId, from, to, "Confirm your subscription to status updates", text, html, Map.of(), at);
    }

    /** {@code links.action()} is the subscriber's unsubscribe link. */
    static MailTransport.Mail notice(String deliveryId, String from, String to, List<String> followed, SubscriberNotice notice,
                                     Links links, Instant at) {
        boolean incident = notice.incident() != null;
        String name = incident ? notice.incident().name() : notice.maintenance().name();
        String url = incident ? notice.incident().url() : notice.maintenance().url();
        String title = switch (notice.event()) {
            case "maintenance.started" -> "Maintenance started: " + name;
            case "maintenance.completed" -> "Maintenance completed: " + name;
            default -> name + ": " + words(notice.update().status());
        };
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Status", words(notice.update().status())});
        if (incident && !"none".equals(notice.incident().impact())) {
            facts.add(new String[] {"Impact", notice.incident().impact()});
        }
        if (!incident) {
            facts.add(new String[] {"Scheduled", TIME.format(notice.maintenance().scheduledFor()) + " to "
                    + TIME.format(notice.maintenance().scheduledUntil())});
        }
        if (!notice.components().isEmpty()) {
            facts.add(new String[] {"Affected", String.join(", ", notice.components().stream()
                    .map(c -> c.name() + " (" + words(c.status()).toLowerCase(Locale.ROOT) + ")").toList())});
        }
        String link = incident ? "View the incident" : "View the maintenance";
        String posted = "Posted " + TIME.format(notice.update().createdAt());
        String footer = "You receive this because you subscribed to status updates from " + links.publicUrl() + ", "
                + about(followed) + ".";

        StringBuilder text = new StringBuilder(title).append('\n');
        facts.forEach(f -> text.append(f[0]).append(": ").append(f[1]).append('\n'));
        text.append('\n').append(notice.update().body().strip()).append("\n\n")
                .append(posted).append(". ").append(link).append(": ").append(url).append("\n\n")
                .append("-- \n").append(footer).append('\n')
                .append("Unsubscribe: ").append(links.action()).append('\n');

        StringBuilder body = new StringBuilder("<p>");
        List<String> lines = facts.stream().map(f -> HTML.bold(f[0] + ":") + " " + HTML.escape(f[1])).toList();
        body.append(String.join("<br>\n", lines)).append("</p>\n")
                // rendered again from the text as written: the stored HTML is not trusted to be the sanitiser's
                .append(Markdown.of(notice.update().body()).html())
                .append("<p>").append(HTML.escape(posted)).append(" · ").append(HTML.link(link, URI.create(url))).append("</p>\n")
                .append("<hr>\n<p style=\"font-size: small; color: #555\">").append(HTML.escape(footer)).append("<br>\n")
                .append(HTML.link("Unsubscribe", URI.create(links.action()))).append("</p>\n");
        return new MailTransport.Mail(deliveryId, from, to, title, text.toString(), document(title, body.toString()),
                Map.of("List-Unsubscribe", "<" + links.action() + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                at);
    }

    private static String document(String title, String body) {
        return "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n<h2>" + HTML.escape(title) + "</h2>\n" + body
                + "</body></html>\n";
    }

    private static String about(List<String> followed) {
        return followed.isEmpty() ? "about all components" : "about " + String.join(", ", followed);
    }

    /** {@code in_progress} → {@code In progress}. */
    static String words(String code) {
        String spaced = code.replace('_', ' ');
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
