package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.ConfigWatcher;
import dev.lookout.config.HangupSignal;
import dev.lookout.config.LookoutConfig;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config = ConfigOption.DEFAULT;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HangupSignal.catchFromNow(); // a reload asked for while Lookout starts must not stop it
        log.info("starting with {}; SIGHUP reloads it", config);
        CheckTypes types = CheckTypes.standard();
        ConfigLoader loader = ConfigOption.loader(types);
        LookoutConfig loaded = ConfigOption.load(loader, config, spec.commandLine().getErr());
        if (loaded == null) {
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        LookoutNode node;
        try {
            node = new LookoutNode(types, loaded).start();
        } catch (StartRefused e) {
            log.error("cannot start: {}", e.getMessage());
            spec.commandLine().getErr().println("lookout: cannot start: " + e.getMessage());
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
}
