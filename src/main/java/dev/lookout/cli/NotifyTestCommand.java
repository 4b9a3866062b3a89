package dev.lookout.cli;

import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.check.CheckTypes;
import dev.lookout.condition.Durations;
import dev.lookout.config.ChannelConfig;
import dev.lookout.config.LookoutConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lookout notify-test CHANNEL_ID [--config FILE]}: builds one configured channel as
 * {@code serve} does and sends it one test message, so that a webhook URL, a token or an SMTP
 * login can be tried before an outage needs it. Exit 0 when the receiver accepted the message,
 * 1 when it did not (the channel's error, which names the host but never a secret), 2 for a bad
 * configuration or an unknown channel id.
 */
@Command(name = "notify-test", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Send one test notification through a configured channel and say whether it was delivered.")
final class NotifyTestCommand implements Callable<Integer> {
    /** What {@code serve} gives one delivery attempt; here also the hard deadline of the whole send. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Parameters(index = "0", paramLabel = "CHANNEL_ID", description = "The id of the channel (under channels:) to test.")
    String channelId;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config = ConfigOption.DEFAULT;

    @Spec
    CommandSpec spec;

    private final InstantSource clock;
    private final Duration timeout;

    NotifyTestCommand() {
        this(InstantSource.system(), TIMEOUT);
    }

    /** {@code clock} dates the message; {@code timeout} is the channel's timeout and the deadline of the send. */
    NotifyTestCommand(InstantSource clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Channels channels = Channels.standard();
        LookoutConfig loaded = ConfigOption.load(ConfigOption.loader(CheckTypes.standard(), channels), config, err);
        if (loaded == null) {
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        ChannelConfig configured = loaded.channel(channelId).orElse(null);
        if (configured == null) {
            List<String> ids = loaded.channels().stream().map(ChannelConfig::id).toList();
            err.printf("%s: no channel with id '%s' (%s)%n", config, channelId,
                    ids.isEmpty() ? "no channels are configured" : "configured: " + String.join(", ", ids));
            err.flush();
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        String node = loaded.server().nodeName();
        Channel channel = channels.create(configured, new ChannelContext(clock, timeout, loaded.server().publicUrl(), node));
        AlertMessage message = message(channelId, node, clock.instant());
        long began = System.nanoTime();
        String failure = send(channel, message);
        long ms = (System.nanoTime() - began) / 1_000_000;
        if (failure == null) {
            out.printf("delivered to %s in %d ms%n", channelId, ms);
            out.flush();
            return 0;
        }
        err.printf("not delivered to %s after %d ms: %s%n", channelId, ms, failure);
        err.flush();
        return 1;
    }

    /** The one test message: no alerts, only its text; the id is unique per run so that no receiver drops it as a retry. */
    static AlertMessage message(String channelId, String node, Instant at) {
        return new AlertMessage("notify-test-" + at.toEpochMilli(), AlertKind.TEST, at, node, List.of(),
                "Test notification from Lookout (node " + node + "): if you can read this, channel " + channelId + " works");
    }

    /**
     * Sends under the hard deadline (a channel should give up by itself within its timeout; this
     * holds even when one does not). Returns null when delivered, otherwise what went wrong.
     */
    private String send(Channel channel, AlertMessage message) {
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
