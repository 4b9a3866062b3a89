package dev.lookout.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP channel must do with its receiver's answers, run by each channel's test: 2xx
 * delivered, 429/503 with Retry-After retried after it, 5xx and network trouble transient, 4xx
 * permanent, never longer than the timeout, and no secret in the error.
 */
public abstract class HttpChannelContract {
    protected final RecordingReceiver receiver = new RecordingReceiver();

    /** The channel's entry under {@code channels:}, sending to {@code base} (the receiver, or a dead port). */
    protected abstract String yaml(URI base);

    /** A secret of the configuration that must never appear in an error message. */
    protected abstract String secret();

    protected Channel channel() {
        return ChannelFixture.channel(yaml(receiver.url("")), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private DeliveryException failure(Channel channel) {
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel.send(Messages.down()));
        assertThat(e).as("the send fails").isNotNull();
        assertThat(e.getMessage()).contains(channel.id()).doesNotContain(secret());
        return e;
    }

    @Test
    void delivers_when_the_receiver_accepts() throws Exception {
        channel().send(Messages.down());
        assertThat(receiver.requests()).isNotEmpty();
    }

    @Test
    void retries_after_the_seconds_of_a_429_retry_after() {
        receiver.answer(429, Map.of("Retry-After", "120"), "{\"error\":\"slow down\"}");
        DeliveryException e = failure(channel());
        assertThat(e.permanent()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    }

    @Test
    void retries_after_the_date_of_a_503_retry_after() {
        receiver.answer(503, Map.of("Retry-After", "Mon, 23 Nov 2026 10:16:30 GMT"), "");
        DeliveryException e = failure(channel());
        assertThat(e.permanent()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void a_server_error_is_transient() {
        receiver.answer(500, Map.of(), "internal error");
        DeliveryException e = failure(channel());
        assertThat(e.permanent()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("500").contains("127.0.0.1");
    }

    @Test
    void a_rejected_request_is_permanent() {
        receiver.answer(400, Map.of(), "{\"message\":\"invalid payload\"}");
        DeliveryException e = failure(channel());
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("400").contains("invalid payload");
    }

    @Test
    void a_refused_connection_is_transient() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Channel channel = ChannelFixture.channel(yaml(URI.create("http://127.0.0.1:" + deadPort)), Duration.ofSeconds(5));
        assertThat(failure(channel).permanent()).isFalse();
    }

    @Test
    void a_receiver_that_never_answers_is_transient_within_the_timeout() {
        receiver.neverAnswer();
        Channel channel = ChannelFixture.channel(yaml(receiver.url("")), Duration.ofMillis(300));
        DeliveryException e = failure(channel);
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("no answer");
    }
}
