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
import java.util.List;
import java.util.Optional;

/**
 * Sends ICMP echo requests within the deadline and reports replies and round-trip times.
 *
 * <p>With {@code method: raw} (or {@code auto} where permitted) this process sends them
 * ({@link RawPing}): {@link InetAddress#isReachable(java.net.NetworkInterface, int, int)} sends real
 * ICMP on Linux when the process may open a raw socket (root or {@code CAP_NET_RAW}) or an
 * unprivileged ICMP socket ({@code net.ipv4.ping_group_range}). Without either the JDK silently
 * tries TCP port 7 instead, which is not a ping, so then {@code auto} runs the system {@code ping}
 * ({@link SystemPing}), and {@code raw} refuses to run and says why (docs/rationale.md). The way
 * is chosen once, when the check is created.
 */
public final class IcmpCheck implements Check {
    private static final int CAP_NET_RAW = 13;

    private final IcmpSettings settings;
    private final AddressResolver resolver;
    private final Pinger pinger;
    private final String unavailable;

    public IcmpCheck(IcmpSettings settings, AddressResolver resolver) {
        this(settings, resolver, icmpNotPermitted(Path.of("/proc/self/status"), Path.of("/proc/sys/net/ipv4/ping_group_range")),
                SystemPing.find(System.getenv("PATH")));
    }

    /**
     * @param rawNotPermitted why this process may not send ICMP itself, or null when it may
     * @param pingBinary      the system {@code ping}, when there is one
     */
    IcmpCheck(IcmpSettings settings, AddressResolver resolver, String rawNotPermitted, Optional<Path> pingBinary) {
        this.settings = settings;
        this.resolver = resolver;
        boolean raw = settings.method() == IcmpMethod.RAW || settings.method() == IcmpMethod.AUTO && rawNotPermitted == null;
        if (raw) {
            this.pinger = rawNotPermitted == null ? new RawPing(settings.count(), settings.packetInterval()) : null;
            this.unavailable = rawNotPermitted;
        } else {
            this.pinger = pingBinary.map(binary -> new SystemPing(binary, settings.count(), settings.packetInterval())).orElse(null);
            String noBinary = "no ping binary found on PATH, " + SystemPing.WELL_KNOWN.get(0) + " or " + SystemPing.WELL_KNOWN.get(1)
                    + " (Debian: apt-get install iputils-ping)";
            this.unavailable = pinger != null ? null
                    : settings.method() == IcmpMethod.SYSTEM ? "method system: " + noBinary
                    : rawNotPermitted + "; and the fallback to the system ping failed: " + noBinary;
        }
    }

    @Override
    public Probe run(Deadline deadline) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        if (pinger == null) {
            return Probe.failed(unavailable, timings.finish());
        }
        try {
            List<InetAddress> addresses = resolver.resolve(settings.host(), deadline);
            if (AddressResolver.literal(settings.host()).isEmpty()) {
                timings.dnsDone();
            }
            InetAddress target = addresses.get(0);
            IcmpObservation observation = pinger.ping(target, deadline, timings);
            return Probe.reached(observation.received() + "/" + observation.sent() + " replies from " + target.getHostAddress()
                    + " (" + pinger.describe() + ")", timings.finish(), observation);
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
