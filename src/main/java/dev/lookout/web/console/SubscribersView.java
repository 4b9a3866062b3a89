package dev.lookout.web.console;

import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.subscribe.Subscriber;
import dev.lookout.subscribe.SubscriberKind;
import java.net.URI;
import java.util.List;

/**
 * The subscribers page: one page of the live subscribers that match the search.
 *
 * @param query  the search text ({@code ?q=}), or empty
 * @param page   this page's number, from 1
 * @param total  how many match
 * @param done   the notice after a removal, or null
 */
public record SubscribersView(List<Subscriber> subscribers, String query, int page, int pages, int total, String done) {

    /**
     * The address as the page shows it: an email address whole, a webhook URL cut to its scheme
     * and host (its path or query is often its secret). The CSV export has it whole.
     */
    public static String address(Subscriber s) {
        if (s.kind() != SubscriberKind.WEBHOOK) {
            return s.address();
        }
        try {
            URI uri = URI.create(s.address());
            return uri.getScheme() == null || uri.getHost() == null ? "[webhook]" : HttpDelivery.origin(uri);
        } catch (IllegalArgumentException e) {
            return "[webhook]";
        }
    }

    /** The address of another page of this search. */
    public String pageLink(int number) {
        return "/console/subscribers?page=" + number + (query.isEmpty() ? ""
                : "&q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
    }

    public String csvLink() {
        return "/console/subscribers.csv" + (query.isEmpty() ? ""
                : "?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
    }
}
