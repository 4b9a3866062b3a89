package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lookout notify-test}: through {@link Main}, against a local receiver standing in for the vendor. */
class NotifyTestCommandTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");
    private static final String SENTENCE = "Test notification from Lookout (node node-7): if you can read this, channel %s works";

    @TempDir
    Path dir;
    private final RecordingReceiver receiver = new RecordingReceiver();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private int run(Duration timeout, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == NotifyTestCommand.class ? type.cast(new NotifyTestCommand(InstantSource.fixed(AT), timeout))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cli = new CommandLine(new Main(), factory);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private int run(String... args) {
        return run(NotifyTestCommand.TIMEOUT, args);
    }

    /** A configuration whose {@code channels:} holds {@code channels} (indented entries). */
    private Path config(String channels) throws Exception {
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server:
                  public_url: "https://status.example.com"
                  node_name: node-7
                channels:
                """ + channels.stripIndent().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
        return file;
    }

    private Path webhook(URI base) throws Exception {
        return config("""
                - id: hook
                  type: webhook
                  url: %s/hook?token=TOKENSECRET
                  secret: signing-key
                - { id: other, type: slack, url: "https://hooks.slack.com/services/T0/B0/SLACKSECRET" }
                """.formatted(base));
    }

    @Test
    void delivers_one_test_message_and_prints_how_long_it_took() throws Exception {
        Path file = webhook(receiver.url(""));

        assertThat(run("notify-test", "hook", "--config", file.toString())).isZero();

        assertThat(out.toString()).matches("delivered to hook in \\d+ ms\\R");
        assertThat(err.toString()).isEmpty();
        RecordingReceiver.Request request = receiver.single();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook?token=TOKENSECRET");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Lookout-Delivery")).isEqualTo("notify-test-1795428900000");
        assertThat(request.header("X-Lookout-Event")).isEqualTo("test");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(request.header("X-Lookout-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())));
        assertThat(request.json()).isEqualTo(new ObjectMapper().readTree("""
                {
                  "id": "notify-test-1795428900000",
                  "kind": "test",
                  "at": "2026-11-23T10:15:00Z",
                  "node": "node-7",
                  "title": "Test notification from Lookout",
                  "text": "Test notification from Lookout (node node-7): if you can read this, channel hook works\\n\\nSeen from node-7 at 2026-11-23 10:15:00 UTC",
                  "alerts": []
                }
                """));
    }

    @Test
    void an_unknown_channel_id_lists_the_configured_ones_and_exits_2() throws Exception {
        Path file = webhook(receiver.url(""));

        assertThat(run("notify-test", "hok", "-c", file.toString())).isEqualTo(2);

        assertThat(err.toString()).isEqualTo(file + ": no channel with id 'hok' (configured: hook, other)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void says_so_when_no_channel_is_configured() {
        assertThat(run("notify-test", "ops", "--config", "examples/lookout.yaml")).isEqualTo(2);

        assertThat(err.toString()).contains("examples/lookout.yaml: no channel with id 'ops' (no channels are configured)");
    }

    @Test
    void an_invalid_configuration_is_reported_with_its_position_and_exits_2() throws Exception {
        Path file = config("""
                - id: hook
                  type: webhook
                  url: "not a url"
                """);

        assertThat(run("notify-test", "hook", "--config", file.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("1 error in configuration", file + ":7:10 channels[0].url: 'not a url' is not");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void a_receiver_answering_500_is_reported_without_secrets_and_exits_1() throws Exception {
        receiver.answer(500, Map.of(), "internal error");
        Path file = webhook(receiver.url(""));

        assertThat(run("notify-test", "hook", "--config", file.toString())).isEqualTo(1);

        assertThat(err.toString()).matches("not delivered to hook after \\d+ ms: webhook channel 'hook': 127.0.0.1 answered 500: "
                + "internal error \\(transient: lookout serve would retry\\)\\R");
        assertThat(err.toString()).doesNotContain("TOKENSECRET").doesNotContain("signing-key");
        assertThat(out.toString()).isEmpty();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void a_rejected_message_is_reported_as_permanent() throws Exception {
        receiver.answer(404, Map.of(), "no_service");
        Path file = webhook(receiver.url(""));

        assertThat(run("notify-test", "hook", "--config", file.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("127.0.0.1 answered 404: no_service (permanent: lookout serve would not retry)");
    }

    @Test
    void an_unreachable_receiver_is_reported_and_exits_1() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Path file = webhook(URI.create("http://127.0.0.1:" + deadPort));

        assertThat(run("notify-test", "hook", "--config", file.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("not delivered to hook after", "webhook channel 'hook': cannot connect to 127.0.0.1")
                .doesNotContain("TOKENSECRET");
    }

    @Test
    void gives_up_at_the_deadline_when_the_receiver_never_answers() throws Exception {
        receiver.neverAnswer();
        Path file = webhook(receiver.url(""));
        Duration deadline = Duration.ofMillis(500);

        assertThat(run(deadline, "notify-test", "hook", "--config", file.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("not delivered to hook after", "no answer", "(transient: lookout serve would retry)")
                .doesNotContain("TOKENSECRET");
        // The command's own figure times the send alone, not loading the file and the channel, which a busy machine
        // slows. The receiver never answers: only the deadline ends the send, and ten deadlines are an end that
        // waited for something else, never a busy machine.
        Matcher after = Pattern.compile("after (\\d+) ms").matcher(err.toString());
        assertThat(after.find()).isTrue();
        assertThat(Duration.ofMillis(Long.parseLong(after.group(1)))).isBetween(deadline, deadline.multipliedBy(10));
    }

    /** Each registered type's channel, sending to the receiver (or, for email, to {@code smtpPort}). */
    private static Map<String, String> everyType(URI base, int smtpPort) {
        return Map.ofEntries(
                Map.entry("webhook", "{ id: t, type: webhook, url: \"%s/hook\" }"),
                Map.entry("slack", "{ id: t, type: slack, url: \"%s/services/T0/B0/X\" }"),
                Map.entry("discord", "{ id: t, type: discord, url: \"%s/api/webhooks/1/x\" }"),
                Map.entry("teams", "{ id: t, type: teams, url: \"%s/workflows/x\" }"),
                Map.entry("mattermost", "{ id: t, type: mattermost, url: \"%s/hooks/x\" }"),
                Map.entry("pagerduty", "{ id: t, type: pagerduty, routing_key: R0UTING, url: \"%s/v2/enqueue\" }"),
                Map.entry("opsgenie", "{ id: t, type: opsgenie, api_key: KEY, url: \"%s\" }"),
                Map.entry("telegram", "{ id: t, type: telegram, bot_token: \"123:abc\", chat_id: \"-100\", url: \"%s\" }"),
                Map.entry("ntfy", "{ id: t, type: ntfy, topic: alerts, url: \"%s\" }"),
                Map.entry("pushover", "{ id: t, type: pushover, token: TOKEN, user: USER, url: \"%s/1/messages.json\" }"),
                Map.entry("gotify", "{ id: t, type: gotify, token: TOKEN, url: \"%s\" }"),
                Map.entry("email", "{ id: t, type: email, host: 127.0.0.1, port: " + smtpPort
                        + ", security: none, from: lookout@example.com, to: ops@example.com }"))
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> "- " + e.getValue().replace("%s", base.toString()) + "\n"));
    }

    @Test
    void the_test_message_reaches_every_channel_type_with_its_wording() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            Map<String, String> entries = everyType(receiver.url(""), smtp.getSmtp().getPort());
            assertThat(entries.keySet()).as("a test entry for every registered channel type")
                    .containsExactlyInAnyOrderElementsOf(Channels.standard().all().stream().map(ChannelType::name).toList());
            for (ChannelType type : Channels.standard().all()) {
                int before = receiver.requests().size();
                out.getBuffer().setLength(0);
                assertThat(run("notify-test", "t", "--config", config(entries.get(type.name())).toString()))
                        .as("%s: %s", type.name(), err).isZero();
                assertThat(out.toString()).as(type.name()).startsWith("delivered to t in ");
                String received;
                if (type.name().equals("email")) {
                    MimeMessage[] mails = smtp.getReceivedMessages();
                    assertThat(mails).hasSize(1);
                    assertThat(mails[0].getSubject()).isEqualTo("Test notification from Lookout");
                    received = (String) ((MimeMultipart) mails[0].getContent()).getBodyPart(0).getContent();
                } else {
                    assertThat(receiver.requests()).as(type.name()).hasSize(before + 1);
                    RecordingReceiver.Request request = receiver.requests().getLast();
                    received = "application/x-www-form-urlencoded".equals(request.header("Content-Type"))
                            ? URLDecoder.decode(request.text(), StandardCharsets.UTF_8) : request.text();
                }
                assertThat(received).as(type.name()).contains("Test notification from Lookout", SENTENCE.formatted("t"));
            }
        } finally {
            smtp.stop();
        }
    }
}
