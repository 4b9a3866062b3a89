package dev.lookout.cli;

import dev.lookout.alert.StorageAlarm;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ChannelConfig;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.ConfigWatcher;
import dev.lookout.config.LookoutConfig;
import dev.lookout.store.DatabaseMismatchException;
import dev.lookout.store.StorageHealth;
import dev.lookout.store.StoreStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code lookout serve}: runs monitors, the status page and the API until stopped; reloads on change and SIGHUP. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, description = "Run Lookout: checks, status page and API. Reloads the configuration on change or SIGHUP.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** How long a refused start waits for its message to reach the system channels, in all. */
    private static final Duration REFUSAL_WAIT = Duration.ofSeconds(10);
    /** How long one attempt to one channel may take then (two fit in the wait). */
    private static final Duration REFUSAL_ATTEMPT = Duration.ofSeconds(4);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config = ConfigOption.DEFAULT;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CheckTypes types = CheckTypes.standard();
        ConfigLoader loader = ConfigOption.loader(types);
        LookoutConfig loaded = ConfigOption.load(loader, config, spec.commandLine().getErr());
        if (loaded == null) {
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        LookoutNode node;
        try {
            node = new LookoutNode(types, loaded).start();
        } catch (DatabaseMismatchException e) {
            // not a crash: the operator decides (no stack trace, the message says it all)
            String accept = DatabaseMismatchException.ACCEPT_COMMAND + " --offline --config " + config;
            log.error("cannot start: {} Lookout is stopped; to accept this database run: {}", e.getMessage(), accept);
            spec.commandLine().getErr().println("lookout: cannot start: " + e.getMessage() + "\nTo accept this database: "
                    + accept);
            tellSystemChannels(loaded, e.getMessage(), accept);
            return 1;
        } catch (RuntimeException e) {
            log.error("cannot start: {}", e.getMessage(), e);
            spec.commandLine().getErr().println("lookout: cannot start: " + e.getMessage());
            return 1;
        }
        ConfigWatcher watcher = new ConfigWatcher(config, loader, node::reload, Duration.ofMillis(300)).onHangupSignal().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            watcher.close();
            node.close();
            stopped.countDown();
        }, "lookout-shutdown"));
        log.info("Lookout is running: status page on {}", loaded.server().publicUrl());
        stopped.await();
        return 0;
    }

    /**
     * Sends the refusal straight to the system channels (there is no outbox without a database),
     * waiting at most {@link #REFUSAL_WAIT} in all: a second attempt fits, a hung receiver does not
     * keep a stopped Lookout from exiting.
     */
    private static void tellSystemChannels(LookoutConfig config, String problem, String accept) {
        if (!config.alerting().storageAlarmEnabled() || config.alerting().systemChannels().isEmpty()) {
            return;
        }
        ChannelContext context = new ChannelContext(InstantSource.system(), REFUSAL_ATTEMPT, config.server().publicUrl(),
                config.server().nodeName());
        Channels types = Channels.standard();
        Map<String, Channel> channels = new HashMap<>();
        for (ChannelConfig channel : config.channels()) {
            if (config.alerting().systemChannels().contains(channel.id())) {
                channels.put(channel.id(), types.create(channel, context));
            }
        }
        StorageAlarm.Storage none = new StorageAlarm.Storage(() -> new StorageHealth.Status(null, "", null),
                () -> StoreStats.NONE, "the configured database", config.storage().bufferSize()); // named in the problem
        try (StorageAlarm alarm = new StorageAlarm(none, config::alerting, () -> channels, InstantSource.system(),
                config.server().nodeName(), REFUSAL_ATTEMPT)) {
            alarm.refusedToStart(problem, accept);
            if (!alarm.settle(REFUSAL_WAIT)) {
                log.warn("the refusal could not be delivered to every system channel within {} s", REFUSAL_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("the refusal could not be sent to the system channels: {}", e.toString());
        }
    }
}
