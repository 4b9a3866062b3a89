package dev.lookout.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts a node has started, in the order it started them, so that they are closed in reverse:
 * after a full start as after one that failed half-way (a port already taken), each part is closed
 * before the parts it uses. A part that fails to close is logged and the others are still closed.
 */
final class StartOrder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StartOrder.class);

    private record Part(String name, AutoCloseable close) {
    }

    private final Deque<Part> started = new ArrayDeque<>();

    /** Registers a part that has just been started (or built with threads of its own); returns it. */
    <T extends AutoCloseable> T started(String name, T part) {
        return started(name, part, part);
    }

    /** Registers how to close a part that has just been started, when that is not its own {@code close()}; returns it. */
    synchronized <T> T started(String name, T part, AutoCloseable close) {
        started.push(new Part(name, close));
        return part;
    }

    /** Closes every registered part, the newest first; a second call closes nothing. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Part part = started.pop();
            try {
                part.close().close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.error("stopping {} failed: {}", part.name(), e.toString(), e);
            }
        }
    }
}
