package dev.lookout.check.icmp;

import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.Timings;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Echo requests sent by this process: {@link InetAddress#isReachable(java.net.NetworkInterface, int, int)}
 * sends real ICMP when the process may (checked before by {@link IcmpCheck}). Each request waits at
 * most its share of the time left, so all of them fit in the deadline.
 */
final class RawPing implements Pinger {
    private final int count;
    private final Duration packetInterval;

    RawPing(int count, Duration packetInterval) {
        this.count = count;
        this.packetInterval = packetInterval;
    }

    @Override
    public IcmpObservation ping(InetAddress target, Deadline deadline, Timings.Recorder timings)
            throws IOException, InterruptedException, DeadlineExceededException {
        long sent = 0;
        long received = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        long interval = packetInterval.toNanos();
        for (int i = 0; i < count; i++) {
            long share = deadline.remainingNanos() / (count - i);
            if (share < 1_000_000) {
                break; // not even a millisecond left for this request: it is not sent, so not counted lost
            }
            long start = System.nanoTime();
            boolean replied = target.isReachable(null, 0, (int) Math.min(Integer.MAX_VALUE, share / 1_000_000));
            long rtt = System.nanoTime() - start;
            sent++;
            if (replied) {
                timings.firstByte();
                received++;
                min = Math.min(min, rtt);
                max = Math.max(max, rtt);
                sum += rtt;
            }
            long wait = start + interval - System.nanoTime();
            if (i + 1 < count && wait > 0) {
                if (wait >= deadline.remainingNanos()) {
                    break;
                }
                Thread.sleep(Duration.ofNanos(wait));
            }
        }
        if (sent == 0) {
            throw new DeadlineExceededException("ping");
        }
        return received == 0
                ? new IcmpObservation(sent, 0, null, null, null)
                : new IcmpObservation(sent, received, Duration.ofNanos(min), Duration.ofNanos(sum / received), Duration.ofNanos(max));
    }

    @Override
    public String describe() {
        return "ICMP";
    }
}
