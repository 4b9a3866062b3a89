package dev.lookout.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration when its file changes or the process gets SIGHUP. A valid file is
 * handed to the listener; an invalid one is logged with every error and the running
 * configuration stays. Changes are debounced, because editors write a file in several steps.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final ConfigLoader loader;
    private final Consumer<LookoutConfig> listener;
    private final Duration debounce;
    private final WatchService watcher;
    private final Thread thread;

    public ConfigWatcher(Path file, ConfigLoader loader, Consumer<LookoutConfig> listener, Duration debounce) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.loader = loader;
        this.listener = listener;
        this.debounce = debounce;
        this.watcher = FileSystems.getDefault().newWatchService();
        // Watch the directory: editors and config-management tools replace the file by renaming.
        this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = Thread.ofPlatform().daemon().name("lookout-config-watcher").unstarted(this::watch);
    }

    public ConfigWatcher start() {
        thread.start();
        return this;
    }

    /** Also reload on SIGHUP, as daemons do (see {@link HangupSignal}). */
    public ConfigWatcher onHangupSignal() {
        HangupSignal.deliverTo(() -> {
            log.info("SIGHUP: reloading {}", file);
            Thread.ofVirtual().start(this::reload);
        });
        return this;
    }

    /** Loads the file now; returns whether it was valid and applied. */
    public synchronized boolean reload() {
        try {
            LookoutConfig config = loader.load(file);
            listener.accept(config);
            return true;
        } catch (ConfigException e) {
            log.error("configuration change rejected, keeping the running configuration. {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("applying the new configuration failed; keeping the running one", e);
            return false;
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path changed && file.getFileName().equals(changed)) {
                        ours = true;
                    }
                }
                key.reset();
                if (!ours) {
                    continue;
                }
                // Let the writer finish, and fold the burst of events it makes into one reload.
                Thread.sleep(debounce);
                WatchKey more;
                while ((more = watcher.poll()) != null) {
                    more.pollEvents();
                    more.reset();
                }
                if (file.toFile().exists()) {
                    log.info("{} changed: reloading", file);
                    reload();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the watch service", e);
        }
    }
}
