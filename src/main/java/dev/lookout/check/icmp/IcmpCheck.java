package dev.lookout.check.icmp;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Sends ICMP echo requests within the deadline and reports replies and round-trip times.
 *
 * <p>Each request is {@link InetAddress#isReachable(java.net.NetworkInterface, int, int)}, which
 * on Linux sends a real ICMP echo from a raw socket when the process may open one (root or
 * {@code CAP_NET_RAW}) or from an unprivileged ICMP socket ({@code net.ipv4.ping_group_range}).
 * Without either the JDK silently tries TCP port 7 instead, which is not a ping, so this check
 * refuses to run then and says why (docs/rationale.md). Each request waits at most its share of the
 * time left, so all of them fit in the deadline.
 */
public final class IcmpCheck implements Check {
    private static final int CAP_NET_RAW = 13;

    private final IcmpSettings settings;
    private final AddressResolver resolver;
    private final String notPermitted;

    public IcmpCheck(IcmpSettings settings, AddressResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        this.notPermitted = icmpNotPermitted(Path.of("/proc/self/status"), Path.of("/proc/sys/net/ipv4/ping_group_range"));
    }

    @Override
    public Probe run(Deadline deadline) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        if (notPermitted != null) {
            return Probe.failed(notPermitted, timings.finish());
        }
        try {
            List<InetAddress> addresses = resolver.resolve(settings.host(), deadline);
            if (AddressResolver.literal(settings.host()).isEmpty()) {
                timings.dnsDone();
            }
            InetAddress target = addresses.get(0);
            long sent = 0;
            long received = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            long sum = 0;
            long interval = settings.packetInterval().toNanos();
            for (int i = 0; i < settings.count(); i++) {
                long share = deadline.remainingNanos() / (settings.count() - i);
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
                if (i + 1 < settings.count() && wait > 0) {
                    if (wait >= deadline.remainingNanos()) {
                        break;
                    }
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
            if (sent == 0) {
                return Probe.timedOut(new DeadlineExceededException("ping"), timings.finish());
            }
            IcmpObservation observation = received == 0
                    ? new IcmpObservation(sent, 0, null, null, null)
                    : new IcmpObservation(sent, received, Duration.ofNanos(min), Duration.ofNanos(sum / received), Duration.ofNanos(max));
            return Probe.reached(received + "/" + sent + " replies from " + target.getHostAddress(), timings.finish(), observation);
        } catch (UnknownHostException e) {
            return Probe.failed(e.getMessage(), timings.finish());
        } catch (DeadlineExceededException e) {
            return Probe.timedOut(e, timings.finish());
        } catch (IOException e) {
            return Probe.failed("ping failed: " + e.getMessage(), timings.finish());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.failed("ping interrupted", timings.finish());
        } catch (RuntimeException e) {
            return Probe.failed("internal error during ping: " + e, timings.finish());
        }
    }

    /** Null when the JDK will send real ICMP echoes; otherwise what is missing, worded for the check's message. */
    static String icmpNotPermitted(Path procStatus, Path pingGroupRange) {
        try {
            long capabilities = 0;
            long gid = -1;
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("CapEff:")) {
                    capabilities = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                } else if (line.startsWith("Gid:")) {
                    gid = Long.parseLong(line.substring(4).trim().split("\\s+")[1]); // effective group
                }
            }
            if ((capabilities & (1L << CAP_NET_RAW)) != 0) {
                return null;
            }
            String[] range = Files.readString(pingGroupRange).trim().split("\\s+");
            if (gid >= Long.parseLong(range[0]) && gid <= Long.parseLong(range[1])) {
                return null;
            }
            return "ICMP not permitted: run as root, grant CAP_NET_RAW, or include group " + gid
                    + " in net.ipv4.ping_group_range (otherwise Java probes TCP port 7 instead of pinging)";
        } catch (IOException | RuntimeException e) {
            return "ICMP not available: cannot tell whether this process may send ICMP echoes (" + e.getMessage()
                    + "); the icmp check needs Linux with root, CAP_NET_RAW or net.ipv4.ping_group_range";
        }
    }
}
