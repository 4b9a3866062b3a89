package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A whole node wires subscriptions: subscribe over HTTP, confirm through the mailed link, hear of an incident by mail. */
class SubscriberWiringTest {
    private static final String TOKEN = "wiring-test-admin-token-0123456789";

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private LookoutNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body, boolean admin) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(MimeMessage mail) throws Exception {
        return ((String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    /** A node on SQLite in {@code dir} with one component, {@code web}, that mails subscribers through the SMTP server at {@code port}. */
    static LookoutConfig mailingNode(Path dir, int port) throws Exception {
        return new ConfigLoader(CheckTypes.standard(), Channels.standard(), Map.of()).parse("lookout.yaml", """
                server: { listen: "127.0.0.1:0", public_url: "https://status.example.com", admin_token: "%s" }
                storage: { url: "sqlite:%s" }
                components:
                  - { id: web, name: "Web Shop" }
                channels:
                  - { id: smtp, type: email, host: 127.0.0.1, port: %d, security: none, from: "status@example.com",
                      to: [ops@example.com] }
                subscriptions: { email_channel: smtp }
                """.formatted(TOKEN, dir.resolve("lookout.db"), port));
    }

    @Test
    void a_subscriber_confirms_through_the_mailed_link_and_hears_of_the_next_incident() throws Exception {
        node = new LookoutNode(CheckTypes.standard(), mailingNode(dir, smtp.getSmtp().getPort())).start();

        assertThat(send("POST", "/api/v1/subscribers", "{\"email\": \"ada@example.com\"}", false).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        Matcher link = Pattern.compile("https://status\\.example\\.com(/subscribe/confirm/[A-Za-z0-9_-]+)")
                .matcher(text(smtp.getReceivedMessages()[0]));
        assertThat(link.find()).isTrue();
        assertThat(send("POST", link.group(1), null, false).body()).contains("<h1>Subscribed</h1>");

        assertThat(send("POST", "/api/v1/incidents", "{\"name\": \"Checkout errors\", \"body\": \"Payments fail.\","
                + " \"components\": {\"web\": \"major_outage\"}}", true).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
        MimeMessage notice = smtp.getReceivedMessages()[1];
        assertThat(notice.getSubject()).isEqualTo("Checkout errors: Investigating");
        assertThat(notice.getHeader("List-Unsubscribe")[0]).startsWith("<https://status.example.com/unsubscribe/");
        assertThat(text(notice)).contains("Affected: Web Shop (major outage)", "Payments fail.");
    }
}
