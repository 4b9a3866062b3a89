package dev.lookout.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the ping log's index entries are written: out of a storm's way, but not forever, and never lost to a failed write. */
class PingLogIndexerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** An index in memory that can be told to fail, as a database that is away does. */
    private static final class Index implements PingLog {
        final List<List<Entry>> writes = new ArrayList<>();
        boolean failing;

        @Override
        public void index(Collection<Entry> entries) {
            if (failing) {
                throw new IllegalStateException("storage unavailable");
            }
            writes.add(List.copyOf(entries));
        }

        @Override
        public List<LoggedPing> page(String monitorId, Cursor before, int limit) {
            return List.of();
        }
    }

    private final Index index = new Index();
    private boolean storm;
    private long nanos;
    private final PingLogIndexer indexer = new PingLogIndexer(index, () -> storm, () -> nanos);

    private static Ping ping(String monitor, int second) {
        return new Ping(monitor, T0.plusSeconds(second), Ping.Kind.SUCCESS, null, null, null, new byte[0], false, "", "", "GET");
    }

    @Test
    void writes_what_waits_sorted_by_monitor_in_one_transaction_per_chunk() {
        indexer.add(ping("b", 1));
        indexer.add(ping("a", 2));
        indexer.add(ping("a", 1));

        assertThat(indexer.flush()).isEqualTo(3);

        assertThat(index.writes).hasSize(1);
        assertThat(index.writes.getFirst()).extracting(e -> e.monitorId() + "@" + e.receivedAt().getEpochSecond() % 60)
                .containsExactly("a@1", "a@2", "b@1");
        assertThat(indexer.waiting()).isZero();
    }

    @Test
    void waits_during_a_storm_of_pings_until_entries_have_waited_a_minute() {
        storm = true;
        indexer.add(ping("a", 1));

        nanos += Duration.ofSeconds(59).toNanos();
        assertThat(indexer.flush()).isZero();
        assertThat(index.writes).isEmpty();

        nanos += Duration.ofSeconds(1).toNanos();
        assertThat(indexer.flush()).isEqualTo(1);
    }

    @Test
    void stops_between_chunks_when_a_storm_begins() {
        int[] asked = {0};
        PingLogIndexer indexerInAStorm = new PingLogIndexer(index, () -> asked[0]++ > 0, () -> nanos);
        for (int i = 0; i < PingLogIndexer.CHUNK * 3; i++) {
            indexerInAStorm.add(ping("m" + i, 1));
        }

        assertThat(indexerInAStorm.flush()).isEqualTo(PingLogIndexer.CHUNK);
        assertThat(indexerInAStorm.waiting()).isEqualTo(PingLogIndexer.CHUNK * 2);
    }

    @Test
    void keeps_the_entries_of_a_failed_write_for_the_next_flush() {
        indexer.add(ping("a", 1));
        index.failing = true;
        assertThat(indexer.flush()).isZero();
        assertThat(indexer.waiting()).isEqualTo(1);

        index.failing = false;
        storm = true; // entries given back are due at once, storm or not
        assertThat(indexer.flush()).isEqualTo(1);
    }
}
