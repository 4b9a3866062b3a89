package dev.lookout.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.probe.ProbeProtocol;
import dev.lookout.store.SmallFilesystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's buffer: bounded, numbered for good across restarts, and on a real, small file system
 * that fills up and gets space again, a batch the full disk refused is not kept in part, and once
 * there is space the buffer works as before, without a restart: every result kept once, numbered on.
 */
class ResultBufferTest {
    @TempDir
    Path dir;
    private SmallFilesystem disk;
    private ResultBuffer buffer;

    @AfterEach
    void close() throws Exception {
        if (buffer != null) {
            buffer.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    private static List<CheckResult> batch(String prefix, int n) {
        String message = "x".repeat(2_000); // fills pages fast
        return IntStream.range(0, n).mapToObj(i -> new CheckResult(prefix + i, Instant.parse("2026-12-07T00:00:00Z").plusSeconds(i),
                Outcome.OK, message, Timings.totalOnly(1), List.of())).toList();
    }

    @Test
    void a_batch_refused_by_a_full_disk_is_not_kept_in_part_and_the_buffer_heals_without_a_restart() throws Exception {
        disk = SmallFilesystem.mount(dir, 8);
        buffer = new ResultBuffer(disk.root().resolve("probe"), 100_000);
        buffer.append(batch("before-", 10));
        assertThat(buffer.size()).isEqualTo(10);

        disk.fill();
        // Batches until one meets the full disk (SQLite may still find room in its free pages for the first).
        int refused = 0;
        for (int i = 0; i < 50 && refused == 0; i++) {
            try {
                buffer.append(batch("full-" + i + "-", 200));
            } catch (IllegalStateException e) {
                assertThat(e.getMessage()).startsWith("cannot write to the probe's buffer");
                refused++;
            }
        }
        assertThat(refused).as("the full disk refused a batch").isEqualTo(1);
        int kept = buffer.size();

        disk.free();
        buffer.append(batch("after-", 3));
        assertThat(buffer.size()).isEqualTo(kept + 3);
        List<ProbeProtocol.WireResult> all = buffer.oldest(100_000);
        assertThat(all).hasSize(kept + 3);
        assertThat(all.stream().map(ProbeProtocol.WireResult::seq)).doesNotHaveDuplicates().isSorted();
        assertThat(all.stream().map(ProbeProtocol.WireResult::monitorId).filter(id -> id.startsWith("after-")))
                .containsExactly("after-0", "after-1", "after-2");
        // the refused batch left no part of itself
        assertThat(all.stream().map(ProbeProtocol.WireResult::monitorId).map(id -> id.substring(0, id.lastIndexOf('-')))
                .distinct().filter(id -> id.startsWith("full-")).count())
                .as("batches kept whole: every kept full-N batch has all of its 200")
                .isEqualTo(all.stream().filter(r -> r.monitorId().startsWith("full-")).count() / 200);

        buffer.acked(all.get(all.size() - 1).seq());
        assertThat(buffer.size()).isZero();
        assertThat(buffer.oldest(10)).isEmpty();
        assertThatThrownBy(() -> new ResultBuffer(dir, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void beyond_its_bound_the_oldest_are_dropped_and_counted_and_numbers_survive_a_restart() {
        buffer = new ResultBuffer(dir, 5);
        buffer.append(batch("m", 8));
        assertThat(buffer.size()).isEqualTo(5);
        assertThat(buffer.dropped()).isEqualTo(3);
        assertThat(buffer.oldest(10)).extracting(ProbeProtocol.WireResult::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
        buffer.acked(8);
        buffer.close();

        buffer = new ResultBuffer(dir, 5);
        assertThat(buffer.size()).isZero();
        assertThat(buffer.dropped()).isEqualTo(3);
        assertThat(buffer.nextSeq()).as("numbers are never given twice").isEqualTo(9);
        buffer.acked(20); // a server that stored more than this buffer numbered: it numbers on above that
        assertThat(buffer.nextSeq()).isEqualTo(21);
    }
}
