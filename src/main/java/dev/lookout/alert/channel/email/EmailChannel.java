package dev.lookout.alert.channel.email;

import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.MailTransport;
import dev.lookout.alert.channel.Markup;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends one multipart/alternative mail (text/plain and text/html, every value HTML-escaped) over
 * SMTP with STARTTLS (required, never downgraded), implicit TLS or none. The server's certificate
 * and host name are always verified. SMTP 5xx replies, a refused login and a failed TLS setup are
 * permanent; 4xx replies and connection problems are transient. Also sends mails written
 * elsewhere (subscribers' notices) through the same server ({@link MailTransport}).
 */
final class EmailChannel implements Channel, MailTransport {
    private final String id;
    private final EmailSettings settings;
    private final ChannelContext context;
    private final Session session;

    EmailChannel(String id, EmailSettings settings, ChannelContext context) {
        this.id = id;
        this.settings = settings;
        this.context = context;
        this.session = Session.getInstance(properties(settings, context));
    }

    private static Properties properties(EmailSettings settings, ChannelContext context) {
        Properties p = new Properties();
        String timeout = Long.toString(context.timeout().toMillis());
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        p.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        switch (settings.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> p.put("mail.smtp.ssl.enable", "true");
            case NONE -> {
            }
        }
        if (settings.tlsCaFile() != null) {
            p.put("mail.smtp.ssl.socketFactory", TrustedCertificates.socketFactory(settings.tlsCaFile()));
        }
        return p;
    }

    @Override
    public String id() {
        return id;
    }

    /** The server and the number of recipients: their addresses are people's, not for every viewer. */
    @Override
    public String target() {
        int to = settings.to() == null ? 0 : settings.to().size();
        return "smtp " + settings.host() + ":" + settings.port() + ", " + to + (to == 1 ? " recipient" : " recipients");
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        transmit(mail(message));
    }

    @Override
    public void sendMail(Mail mail) throws DeliveryException {
        transmit(mail(mail));
    }

    private void transmit(MimeMessage mail) throws DeliveryException {
        // SMTP is several round trips, each bounded by the socket timeouts; the whole attempt by the channel's timeout,
        // as every channel promises (the sender's own deadline is that plus a margin).
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                Transport.send(mail, settings.username(), settings.password().value());
            } catch (MessagingException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, command -> Thread.ofVirtual().name("email-" + id).start(command));
        try {
            sending.get(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw DeliveryException.transientFailure(what() + ": no answer from " + settings.host() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure(what() + ": interrupted", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause() instanceof MessagingException m ? m : new MessagingException("failed", (Exception) e.getCause()));
        }
    }

    MimeMessage mail(AlertMessage message) throws DeliveryException {
        try {
            MimeMessage mail = new StableIdMessage(session, message.id());
            mail.setFrom(new InternetAddress(settings.from()));
            for (String to : settings.to()) {
                mail.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            String title = settings.wording().title(message);
            mail.setSubject(title, "UTF-8");
            mail.setSentDate(Date.from(message.at()));
            mail.setHeader("X-Lookout-Delivery", message.id());
            mail.setContent(alternative(settings.wording().body(message, Markup.PLAIN),
                    "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n<h2>" + Markup.HTML.escape(title)
                    + "</h2>\n<p>" + settings.wording().body(message, Markup.HTML) + "</p>\n</body></html>\n"));
            mail.saveChanges();
            return mail;
        } catch (MessagingException e) {
            throw DeliveryException.permanent(what() + ": cannot build the mail: " + e.getMessage());
        }
    }

    MimeMessage mail(Mail written) throws DeliveryException {
        try {
            MimeMessage mail = new StableIdMessage(session, written.id());
            mail.setFrom(new InternetAddress(written.from() == null ? settings.from() : written.from()));
            mail.addRecipient(Message.RecipientType.TO, new InternetAddress(written.to(), true));
            mail.setSubject(written.subject(), "UTF-8");
            mail.setSentDate(Date.from(written.at()));
            mail.setHeader("X-Lookout-Delivery", written.id());
            for (var header : written.headers().entrySet()) {
                if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
                    throw new MessagingException("header " + header.getKey() + " contains a line break");
                }
                mail.setHeader(header.getKey(), header.getValue());
            }
            mail.setContent(alternative(written.text(), written.html()));
            mail.saveChanges();
            return mail;
        } catch (MessagingException e) {
            throw DeliveryException.permanent(what() + ": cannot build the mail: " + e.getMessage());
        }
    }

    private static MimeMultipart alternative(String plain, String document) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(document, "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        return alternative;
    }

    private DeliveryException failure(MessagingException e) {
        String host = settings.host() + ":" + settings.port();
        if (e instanceof AuthenticationFailedException) {
            return DeliveryException.permanent(what() + ": " + host + " refused the login of '" + settings.username() + "'");
        }
        int code = e instanceof SMTPSendFailedException s ? s.getReturnCode()
                : e instanceof SMTPAddressFailedException a ? a.getReturnCode()
                : e.getNextException() instanceof SMTPAddressFailedException a ? a.getReturnCode() : -1;
        if (code >= 500 || (code < 0 && e instanceof SendFailedException)) {
            return DeliveryException.permanent(what() + ": " + host + " rejected the mail: " + oneLine(e.getMessage()));
        }
        if (code >= 400) {
            return DeliveryException.transientFailure(what() + ": " + host + " deferred the mail: " + oneLine(e.getMessage()), e);
        }
        Throwable cause = rootCause(e);
        // An untrusted certificate is an SSLHandshakeException whose root cause is a CertPathBuilderException.
        if (causes(e).anyMatch(SSLException.class::isInstance) || String.valueOf(e.getMessage()).contains("STARTTLS")) {
            return DeliveryException.permanent(what() + ": TLS with " + host + " failed: " + oneLine(String.valueOf(cause.getMessage())));
        }
        if (cause instanceof IOException) {
            return DeliveryException.transientFailure(what() + ": connection to " + host + " failed (" + cause.getClass().getSimpleName()
                    + ": " + oneLine(String.valueOf(cause.getMessage())) + ")", e);
        }
        return DeliveryException.transientFailure(what() + ": sending through " + host + " failed: " + oneLine(e.getMessage()), e);
    }

    private static java.util.stream.Stream<Throwable> causes(Throwable t) {
        return java.util.stream.Stream.iterate(t, c -> c != null, c -> c.getCause() == c ? null : c.getCause());
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String oneLine(String s) {
        return AlertText.cut(String.valueOf(s).strip().replaceAll("\\s+", " "), 300);
    }

    private String what() {
        return "email channel '" + id + "'";
    }

    /**
     * A mail whose Message-ID comes from the delivery id ({@code <lookout.ID@sender's domain>}), so
     * that a retried copy carries the same Message-ID and mail clients and archives drop it; Jakarta
     * Mail would make a new random one on every attempt.
     */
    static final class StableIdMessage extends MimeMessage {
        private final String deliveryId;

        StableIdMessage(Session session, String deliveryId) {
            super(session);
            this.deliveryId = deliveryId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            jakarta.mail.Address[] from = getFrom();
            String address = from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getAddress() : "";
            int at = address.lastIndexOf('@');
            String domain = at >= 0 && at < address.length() - 1 ? address.substring(at + 1) : "lookout.invalid";
            setHeader("Message-ID", "<lookout." + deliveryId.replaceAll("[^A-Za-z0-9.-]", "-") + "@"
                    + domain.replaceAll("[^A-Za-z0-9.-]", "-") + ">");
        }
    }
}
