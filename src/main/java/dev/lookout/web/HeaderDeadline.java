package dev.lookout.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.Container;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers take longer than a deadline to arrive. Jetty's
 * idle timeout restarts with every byte, so a client sending one header byte every few seconds
 * (Slowloris) would hold a connection, and a thread's worth of buffers, for as long as it likes;
 * its minimum request data rate covers bodies only.
 *
 * <p>Each open connection is looked at every quarter of the deadline: a head that is seen in
 * progress (the parser past its start, before the body) for the same request at looks spanning the
 * deadline is cut. A head is thus given between the deadline and 1.5 times it; a connection
 * waiting between requests (keep-alive) is left to the idle timeout.
 */
final class HeaderDeadline implements Connection.Listener, Container.Listener {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long deadlineNanos;
    private final long tickMillis;
    private final Scheduler scheduler;

    HeaderDeadline(Duration deadline, Scheduler scheduler) {
        this.deadlineNanos = deadline.toNanos();
        this.tickMillis = Math.max(1, deadline.toMillis() / 4);
        this.scheduler = scheduler;
    }

    /** Added to the server: watches the connections of every connector it gets (Javalin adds its own at start). */
    @Override
    public void beanAdded(Container parent, Object child) {
        if (child instanceof Connector connector) {
            connector.addEventListener(this);
        }
    }

    @Override
    public void beanRemoved(Container parent, Object child) {
        if (child instanceof Connector connector) {
            connector.removeEventListener(this);
        }
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http).next();
        }
    }

    /** The looks at one connection, until it closes. */
    private final class Watch implements Runnable {
        private final HttpConnection connection;
        /** The request count when the head now in progress was first seen, and when; -1: none seen. */
        private long headOf = -1;
        private long headSeenAt;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void next() {
            scheduler.schedule(this, tickMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            var parser = connection.getParser();
            long now = System.nanoTime();
            if (!parser.inHeaderState() || parser.isStart()) {
                headOf = -1;
            } else if (headOf != connection.getMessagesIn()) {
                headOf = connection.getMessagesIn();
                headSeenAt = now;
            } else if (now - headSeenAt >= deadlineNanos) {
                log.debug("closed a connection from {}: its request head took more than {} ms",
                        connection.getEndPoint().getRemoteSocketAddress(), deadlineNanos / 1_000_000);
                connection.getEndPoint().close();
                return;
            }
            next();
        }
    }
}
