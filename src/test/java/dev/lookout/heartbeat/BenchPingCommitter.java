package dev.lookout.heartbeat;

import java.util.concurrent.CompletableFuture;

/**
 * The heartbeat ingest's group commit ({@link PingCommitter}, package-private) for benchmarks in
 * other packages, with the sizes {@link Heartbeats} uses: batches of at most
 * {@value Heartbeats#MAX_BATCH}, {@value Heartbeats#QUEUE_CAPACITY} pings queued, 30 s commit wait.
 * Its threads are {@code lookout-ping-committer} and {@code lookout-ping-replies}.
 */
public final class BenchPingCommitter implements AutoCloseable {
    private final PingCommitter committer;

    public BenchPingCommitter(PingStore store) {
        this.committer = new PingCommitter(store, Heartbeats.MAX_BATCH, Heartbeats.QUEUE_CAPACITY, Heartbeats.COMMIT_WAIT);
    }

    /** Completes (on the replies thread) when the ping is committed; fails when it could not be. */
    public CompletableFuture<Void> submit(Ping ping) {
        return committer.submit(ping, stored -> { });
    }

    public long written() {
        return committer.written();
    }

    public long batches() {
        return committer.batches();
    }

    public long failed() {
        return committer.failed();
    }

    @Override
    public void close() {
        committer.close();
    }
}
