package dev.lookout.cli;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.TestNotification;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ChannelConfig;
import dev.lookout.config.LookoutConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
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
        TestNotification sent = TestNotification.send(channel, TestNotification.message(channelId, node, clock.instant()),
                timeout);
        if (sent.delivered()) {
            out.printf("delivered to %s in %d ms%n", channelId, sent.millis());
            out.flush();
            return 0;
        }
        err.printf("not delivered to %s after %d ms: %s%n", channelId, sent.millis(), sent.failure());
        err.flush();
        return 1;
    }
}
