package dev.lookout.alert.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelFixture;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.Messages;
import dev.lookout.check.tls.TestCertificates;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email channel against a real SMTP server: GreenMail (a fresh one per test, with one user),
 * behind {@link SmtpTlsFront} for STARTTLS and implicit TLS with a certificate of a test CA.
 */
class EmailChannelTest {
    private static final String USER = "lookout";
    private static final String PASSWORD = "right-horse-battery";

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("lookout@example.com", USER, PASSWORD));

    @TempDir
    static Path certificateDir;
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = new TestCertificates(certificateDir, Map.of("localhost", List.of("-ext", "SAN=dns:localhost,ip:127.0.0.1")));
    }

    /** A channel to 127.0.0.1:{@code port}; {@code extra} adds keys (security, tls_ca_file, ...). */
    private static Channel channel(int port, String password, String extra) {
        return ChannelFixture.channel("""
                - id: mail
                  type: email
                  host: 127.0.0.1
                  port: %d
                  username: %s
                  password: %s
                  from: "Lookout <lookout@example.com>"
                  to: [ops@example.com, "On-call <oncall@example.com>"]
                %s""".formatted(port, USER, password, extra), Duration.ofSeconds(5));
    }

    private static Channel plain(int port) {
        return channel(port, PASSWORD, "  security: none\n");
    }

    private static DeliveryException failure(Channel channel) {
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel.send(Messages.down()));
        assertThat(e).as("the send fails").isNotNull();
        assertThat(e.getMessage()).startsWith("email channel 'mail': ").doesNotContain(PASSWORD);
        return e;
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(Address::toString).toList();
    }

    @Test
    void sends_a_multipart_alternative_mail_with_the_whole_alert_over_plain_smtp() throws Exception {
        plain(smtp.getSmtp().getPort()).send(Messages.down());

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).as("one copy per recipient").hasSize(2);
        MimeMessage mail = received[0];
        assertThat(addresses(mail.getFrom())).containsExactly("Lookout <lookout@example.com>");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO)))
                .containsExactly("ops@example.com", "On-call <oncall@example.com>");
        assertThat(mail.getSubject()).isEqualTo("Down: API <prod> & \"friends\" (api)");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(Messages.AT);
        assertThat(mail.getHeader("X-Lookout-Delivery")).containsExactly("msg-42");
        assertThat(mail.getMessageID()).as("from the delivery id: a retried copy has the same one")
                .isEqualTo("<lookout.msg-42@example.com>");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        String html = ((String) parts.getBodyPart(1).getContent()).replace("\r\n", "\n");
        assertThat(text).isEqualTo("""
                Down: API <prod> & "friends" (api)
                Monitor: API <prod> & "friends" (api)
                Type: http
                Component: website
                State: DOWN
                Since: 2026-11-23 10:03:00 UTC (12m ago)
                Cause: HTTP 503 from 10.0.0.7
                Failed conditions:
                • status == 200 (actual: 503)
                • latency < 300ms (actual: 1.2s)
                Dependent monitors affected: 2: checkout, search
                Open monitor: https://status.example.com/monitors/api · Acknowledge: https://status.example.com/ack/api%402026?sig=abc

                Seen from node-1 at 2026-11-23 10:15:00 UTC""");
        assertThat(html).isEqualTo("""
                <!DOCTYPE html>
                <html><body style="font-family: sans-serif">
                <h2>Down: API &lt;prod&gt; &amp; &quot;friends&quot; (api)</h2>
                <p><b>Down: API &lt;prod&gt; &amp; &quot;friends&quot; (api)</b><br>
                <b>Monitor:</b> API &lt;prod&gt; &amp; &quot;friends&quot; (api)<br>
                <b>Type:</b> http<br>
                <b>Component:</b> website<br>
                <b>State:</b> DOWN<br>
                <b>Since:</b> 2026-11-23 10:03:00 UTC (12m ago)<br>
                <b>Cause:</b> HTTP 503 from 10.0.0.7<br>
                <b>Failed conditions:</b><br>
                • status == 200 (actual: 503)<br>
                • latency &lt; 300ms (actual: 1.2s)<br>
                <b>Dependent monitors affected:</b> 2: checkout, search<br>
                <a href="https://status.example.com/monitors/api">Open monitor</a> · \
                <a href="https://status.example.com/ack/api%402026?sig=abc">Acknowledge</a><br>
                <br>
                Seen from node-1 at 2026-11-23 10:15:00 UTC</p>
                </body></html>
                """);
        assertThat(html).as("the monitor name is escaped, never markup").doesNotContain("<prod>");
        assertThat(addresses(received[1].getRecipients(Message.RecipientType.TO))).isEqualTo(
                addresses(mail.getRecipients(Message.RecipientType.TO)));
    }

    @Test
    void sends_a_mail_written_elsewhere_to_one_address_through_the_same_server_with_its_headers() throws Exception {
        var mail = new dev.lookout.alert.channel.MailTransport.Mail("n7", null, "ada@example.com", "Checkout errors: Identified",
                "We found the cause.", "<!DOCTYPE html>\n<p>We found <b>the cause</b>.</p>\n",
                Map.of("List-Unsubscribe", "<https://status.example.com/unsubscribe/t0k3n>"), Messages.AT);

        ((dev.lookout.alert.channel.MailTransport) plain(smtp.getSmtp().getPort())).sendMail(mail);

        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(smtp.getReceivedMessages()).as("one recipient only, not the channel's").hasSize(1);
        assertThat(addresses(received.getRecipients(Message.RecipientType.TO))).containsExactly("ada@example.com");
        assertThat(addresses(received.getFrom())).as("the channel's sender").containsExactly("Lookout <lookout@example.com>");
        assertThat(received.getSubject()).isEqualTo("Checkout errors: Identified");
        assertThat(received.getHeader("List-Unsubscribe")).containsExactly("<https://status.example.com/unsubscribe/t0k3n>");
        assertThat(received.getHeader("X-Lookout-Delivery")).containsExactly("n7");
        assertThat(received.getMessageID()).isEqualTo("<lookout.n7@example.com>");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo("We found the cause.");
        assertThat(((String) parts.getBodyPart(1).getContent()).replace("\r\n", "\n"))
                .isEqualTo("<!DOCTYPE html>\n<p>We found <b>the cause</b>.</p>\n");
    }

    @Test
    void a_mail_written_elsewhere_keeps_its_own_sender_and_refuses_a_header_with_a_line_break() throws Exception {
        var transport = (dev.lookout.alert.channel.MailTransport) plain(smtp.getSmtp().getPort());
        transport.sendMail(new dev.lookout.alert.channel.MailTransport.Mail("n8", "Status <status@example.com>",
                "ada@example.com", "s", "t", "<p>t</p>", Map.of(), Messages.AT));
        assertThat(addresses(smtp.getReceivedMessages()[0].getFrom())).containsExactly("Status <status@example.com>");

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> transport.sendMail(
                new dev.lookout.alert.channel.MailTransport.Mail("n9", null, "ada@example.com", "s", "t", "<p>t</p>",
                        Map.of("List-Unsubscribe", "<x>\r\nBcc: everyone@example.com"), Messages.AT)));
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("line break");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void upgrades_with_starttls_and_trusts_the_certificate_of_the_configured_ca() throws Exception {
        try (SmtpTlsFront front = new SmtpTlsFront(SmtpTlsFront.Mode.STARTTLS, certificates.serverContext("localhost"),
                smtp.getSmtp().getPort())) {
            channel(front.port(), PASSWORD, "  security: starttls\n  tls_ca_file: " + certificates.caFile() + "\n")
                    .send(Messages.down());

            assertThat(front.handshakes()).containsExactly("TLSv1.3");
        }
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Down: API <prod> & \"friends\" (api)");
    }

    @Test
    void refuses_a_server_without_starttls_when_it_is_required() {
        // security: starttls is the default; GreenMail itself does not offer STARTTLS.
        DeliveryException e = failure(channel(smtp.getSmtp().getPort(), PASSWORD, ""));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("TLS with 127.0.0.1:" + smtp.getSmtp().getPort() + " failed", "STARTTLS");
        assertThat(smtp.getReceivedMessages()).as("nothing was sent in clear text").isEmpty();
    }

    @Test
    void speaks_tls_from_the_first_byte_with_security_tls() throws Exception {
        try (SmtpTlsFront front = new SmtpTlsFront(SmtpTlsFront.Mode.IMPLICIT, certificates.serverContext("localhost"),
                smtp.getSmtp().getPort())) {
            channel(front.port(), PASSWORD, "  security: tls\n  tls_ca_file: " + certificates.caFile() + "\n")
                    .send(Messages.down());

            assertThat(front.handshakes()).containsExactly("TLSv1.3");
        }
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Down: API <prod> & \"friends\" (api)");
    }

    @Test
    void refuses_a_certificate_of_a_ca_it_was_not_told_to_trust() throws Exception {
        try (SmtpTlsFront front = new SmtpTlsFront(SmtpTlsFront.Mode.IMPLICIT, certificates.serverContext("localhost"),
                smtp.getSmtp().getPort())) {
            DeliveryException e = failure(channel(front.port(), PASSWORD, "  security: tls\n"));

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).contains("TLS with 127.0.0.1:" + front.port() + " failed");
            assertThat(front.handshakes()).isEmpty();
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_wrong_password_is_permanent_and_not_in_the_error() {
        DeliveryException e = failure(channel(smtp.getSmtp().getPort(), "wrong-password-123", "  security: none\n"));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("email channel 'mail': 127.0.0.1:" + smtp.getSmtp().getPort()
                + " refused the login of 'lookout'");
        assertThat(e.getMessage()).doesNotContain("wrong-password-123");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void an_unreachable_server_is_transient() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        DeliveryException e = failure(plain(deadPort));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("connection to 127.0.0.1:" + deadPort + " failed");
    }
}
