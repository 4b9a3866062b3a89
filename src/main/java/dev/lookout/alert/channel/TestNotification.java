package dev.lookout.alert.channel;

import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertMessage;
import dev.lookout.condition.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One test message sent straight through a channel (not through the outbox: nothing is retried or
 * recorded as a notification), under a hard deadline, so that a webhook URL, a token or an SMTP
 * login can be tried before an outage needs it. {@code lookout notify-test}, the API and the
 * console send it the same way.
 *
 * @param delivered whether the receiver accepted it
 * @param failure   what went wrong (the channel's error, which names the host but never a secret), or null
 * @param millis    how long the send took
 */
public record TestNotification(boolean delivered, String failure, long millis) {

    /** The one test message: no alerts, only its text; the id is unique per send so that no receiver drops it as a retry. */
    public static AlertMessage message(String channelId, String node, Instant at) {
        return new AlertMessage("notify-test-" + at.toEpochMilli(), AlertKind.TEST, at, node, List.of(),
                "Test notification from Lookout (node " + node + "): if you can read this, channel " + channelId + " works");
    }

    /**
     * Sends {@code message} and waits at most {@code timeout} (a channel should give up by itself
     * within its timeout; this holds even when one does not).
     */
    public static TestNotification send(Channel channel, AlertMessage message, Duration timeout) {
        long began = System.nanoTime();
        String failure = attempt(channel, message, timeout);
        return new TestNotification(failure == null, failure, (System.nanoTime() - began) / 1_000_000);
    }

    private static String attempt(Channel channel, AlertMessage message, Duration timeout) {
        FutureTask<Void> sending = new FutureTask<>(() -> {
            channel.send(message);
            return null;
        });
        Thread.ofVirtual().name("notify-test-" + channel.id()).start(sending);
        try {
            sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            sending.cancel(true);
            return "no answer within " + Durations.format(timeout) + " (transient: lookout serve would retry)";
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeliveryException d) {
                return d.getMessage() + (d.permanent() ? " (permanent: lookout serve would not retry)"
                        : " (transient: lookout serve would retry)");
            }
            // Not a DeliveryException: a bug in the channel. Its message might quote a URL with its token, so only the type is shown.
            return "the channel failed unexpectedly (" + e.getCause().getClass().getName() + ")";
        }
    }
}
