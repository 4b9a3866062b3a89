package dev.lookout.check.icmp;

import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.Timings;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Echo requests sent by the system's {@code ping} (Debian: iputils-ping), for where this process
 * may not send ICMP itself: {@code ping -n -c COUNT -i INTERVAL -W WAIT ADDRESS} with the address
 * already resolved, so ping never looks a name up. COUNT and WAIT are cut down so that ping ends
 * on its own before the deadline and prints its summary; if it has not ended at the deadline it is
 * killed (with anything it started) and the run times out. Its output is read on a virtual thread,
 * so a stuck pipe never holds the check past its deadline.
 */
final class SystemPing implements Pinger {
    /** Fallbacks when PATH has no ping (a service started with a bare environment). */
    static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/bin/ping"), Path.of("/bin/ping"));
    /** Time kept back for starting the process and reading its summary. */
    private static final long START_MARGIN_NANOS = 50_000_000;
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final Path binary;
    private final int count;
    private final Duration packetInterval;

    SystemPing(Path binary, int count, Duration packetInterval) {
        this.binary = binary;
        this.count = count;
        this.packetInterval = packetInterval;
    }

    /** The first executable {@code ping} in the directories of {@code pathVariable}, then in {@link #WELL_KNOWN}. */
    static Optional<Path> find(String pathVariable) {
        Stream<Path> onPath = pathVariable == null ? Stream.empty()
                : Stream.of(pathVariable.split(File.pathSeparator)).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "ping"));
        return Stream.concat(onPath, WELL_KNOWN.stream()).filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
    }

    @Override
    public IcmpObservation ping(InetAddress target, Deadline deadline, Timings.Recorder timings)
            throws IOException, InterruptedException, DeadlineExceededException {
        Process process = new ProcessBuilder(command(target, deadline.remainingNanos() - START_MARGIN_NANOS))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().name("ping-output-" + process.pid()).start(() -> read(process.getInputStream(), output));
        try {
            if (!process.waitFor(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                throw new DeadlineExceededException("ping");
            }
            String text = output.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
            return PingSummary.parse(text).orElseThrow(() -> new IOException(binary + " exited with " + process.exitValue()
                    + ": " + text.strip().lines().reduce((first, last) -> last).orElse("no output")));
        } catch (TimeoutException e) {
            throw new DeadlineExceededException("ping");
        } catch (ExecutionException e) {
            throw new IOException("cannot read the output of " + binary + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            kill(process);
        }
    }

    /** The command for the time left: as many requests, and as long a wait for the last reply, as fit in it. */
    List<String> command(InetAddress target, long availableNanos) throws DeadlineExceededException {
        long wait = availableNanos / count;
        if (wait < 1_000_000) {
            throw new DeadlineExceededException("ping");
        }
        long fitting = 1 + (availableNanos - wait) / packetInterval.toNanos();
        return List.of(binary.toString(), "-n", "-c", Long.toString(Math.min(count, fitting)),
                "-i", seconds(packetInterval.toNanos()), "-W", seconds(wait), target.getHostAddress());
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static void read(InputStream in, CompletableFuture<String> output) {
        try (in) {
            output.complete(new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            output.completeExceptionally(e);
        }
    }

    /** Kills what ping started before ping itself, so nothing is left orphaned; a no-op once it has ended. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String describe() {
        return "system ping";
    }
}
