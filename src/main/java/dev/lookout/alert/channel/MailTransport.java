package dev.lookout.alert.channel;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A channel that can also send a mail written elsewhere, to any one address, through its SMTP
 * server: status-page subscribers' mails go through the email channel named by
 * {@code subscriptions.email_channel}, with its server, login and TLS settings.
 */
public interface MailTransport {

    /**
     * One mail with a text/plain and a text/html part.
     *
     * @param id      sent as {@code X-Lookout-Delivery} (the same on every retry)
     * @param from    sender address, or null for the channel's {@code from}
     * @param html    a whole HTML document, every value in it already escaped or sanitised
     * @param headers extra headers ({@code List-Unsubscribe}); values must not contain line breaks
     */
    record Mail(String id, String from, String to, String subject, String text, String html, Map<String, String> headers,
                Instant at) {
        public Mail {
            Objects.requireNonNull(to, "to");
            headers = Map.copyOf(headers);
        }
    }

    /** Sends it within the channel's timeout, with the same permanent and transient failures as its own messages. */
    void sendMail(Mail mail) throws DeliveryException;
}
