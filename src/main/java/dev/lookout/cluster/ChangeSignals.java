package dev.lookout.cluster;

import java.util.function.Consumer;

/**
 * Tells the other nodes that something they cache changed (an incident, a maintenance), and hears
 * what they tell: PostgreSQL's LISTEN/NOTIFY, implemented in {@code store}. A signal carries no
 * data, only that a topic changed; a node that hears one reads the database again. A signal may
 * be lost (a node away for a moment): caches still expire by their time to live.
 */
public interface ChangeSignals extends AutoCloseable {

    /** Tells every other node that {@code topic} changed; never waits long, never throws. */
    void announce(String topic);

    /** Starts hearing the other nodes' signals; {@code heard} runs on a thread of the listener. */
    void listen(Consumer<String> heard);

    @Override
    void close();

    /** One node alone (SQLite): nobody to tell, nothing to hear. */
    ChangeSignals NONE = new ChangeSignals() {
        @Override
        public void announce(String topic) {
        }

        @Override
        public void listen(Consumer<String> heard) {
        }

        @Override
        public void close() {
        }
    };
}
