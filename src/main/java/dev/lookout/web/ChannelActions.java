package dev.lookout.web;

import dev.lookout.alert.channel.TestNotification;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an operator does with the configured channels, the same through the API ({@link ChannelApi})
 * and the console's channels page: list them, and send one a test message through the real channel
 * code ({@link TestNotification}, as {@code lookout notify-test} does). An unknown id is a 404.
 */
public final class ChannelActions {
    private final Supplier<List<ConfiguredChannel>> channels;
    private final Supplier<String> nodeName;
    private final Duration timeout;
    private final InstantSource clock;

    /** {@code timeout}: the hard deadline of a test send (what {@code serve} gives one delivery attempt). */
    public ChannelActions(Supplier<List<ConfiguredChannel>> channels, Supplier<String> nodeName, Duration timeout,
                          InstantSource clock) {
        this.channels = channels;
        this.nodeName = nodeName;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The configured channels, in the configuration's order. */
    public List<ConfiguredChannel> list() {
        return channels.get();
    }

    /** Sends channel {@code id} a test message and notes the outcome for the audit log. */
    public TestNotification test(Context ctx, String id) {
        ConfiguredChannel channel = list().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no channel with id '" + id + "'"));
        TestNotification sent = TestNotification.send(channel.channel(),
                TestNotification.message(id, nodeName.get(), clock.instant()), timeout);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("delivered", sent.delivered());
        outcome.put("error", sent.failure());
        AuditNote.of(ctx).object("channel", id).after(outcome);
        return sent;
    }
}
