package dev.lookout.check;

import dev.lookout.condition.Observation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code all_addresses: true}: a check run once per address of its host (every A and AAAA record),
 * in parallel on virtual threads under the one deadline, and merged into one probe that fails when
 * any address fails, so that a name with one dead load balancer out of two does not look healthy.
 * The merged probe names the failing addresses and offers {@code addresses.total},
 * {@code addresses.failed} and {@code addresses.failing}; its timings are the slowest address's.
 */
public final class EveryAddress {
    public static final List<String> PLACEHOLDERS = List.of("addresses.total", "addresses.failed", "addresses.failing");
    /** How long past the deadline to wait for a probe that should have ended at it: only a bug needs this. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One probe of one address; it honours the deadline like any check. */
    @FunctionalInterface
    public interface AddressProbe {
        Probe run(InetAddress address, Deadline deadline);
    }

    private EveryAddress() {
    }

    public static Probe probe(String host, AddressResolver resolver, Deadline deadline, AddressProbe single) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolveAll(host, deadline);
        } catch (DeadlineExceededException e) {
            return Probe.timedOut(e, Timings.totalOnly(deadline.elapsedMicros()));
        } catch (UnknownHostException e) {
            return Probe.failed(e.getMessage(), Timings.totalOnly(deadline.elapsedMicros()));
        }
        long dnsMicros = AddressResolver.literal(host).isPresent() ? Timings.NONE : deadline.elapsedMicros();
        List<CompletableFuture<Probe>> running = new ArrayList<>();
        for (InetAddress address : addresses) {
            CompletableFuture<Probe> probe = new CompletableFuture<>();
            Thread.ofVirtual().name("lookout-address-" + address.getHostAddress()).start(() -> {
                try {
                    probe.complete(single.run(address, deadline));
                } catch (RuntimeException e) {
                    probe.complete(Probe.failed("internal error: " + e, Timings.totalOnly(deadline.elapsedMicros())));
                }
            });
            running.add(probe);
        }
        List<Probe> probes = new ArrayList<>();
        for (CompletableFuture<Probe> probe : running) {
            probes.add(await(probe, deadline));
        }
        return merge(addresses, probes, dnsMicros);
    }

    private static Probe await(CompletableFuture<Probe> probe, Deadline deadline) {
        try {
            return probe.get(Math.max(0, deadline.remainingNanos()) + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Probe.timedOut(new DeadlineExceededException("connect"), Timings.totalOnly(deadline.elapsedMicros()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.timedOut(new DeadlineExceededException("connect"), Timings.totalOnly(deadline.elapsedMicros()));
        }
    }

    static Probe merge(List<InetAddress> addresses, List<Probe> probes, long dnsMicros) {
        List<String> failing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean allTimedOut = true;
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            if (probe.status() != Probe.Status.REACHED) {
                String address = addresses.get(i).getHostAddress();
                failing.add(address);
                reasons.add(address + " " + probe.message());
                allTimedOut &= probe.status() == Probe.Status.TIMEOUT;
            }
        }
        Probe slowest = probes.stream().max(Comparator.comparingLong(p -> p.timings().totalMicros())).orElseThrow();
        Timings t = slowest.timings();
        Timings timings = new Timings(dnsMicros, t.connectMicros(), t.tlsMicros(), t.firstByteMicros(), t.totalMicros());
        Observation base = probes.stream().filter(p -> p.status() == Probe.Status.REACHED)
                .max(Comparator.comparingLong(p -> p.timings().totalMicros())).map(Probe::observation).orElse(Observation.EMPTY);
        Observation observation = new Merged(base, probes.size(), List.copyOf(failing));
        int total = probes.size();
        if (failing.isEmpty()) {
            String message = total == 1 ? slowest.message() : slowest.message() + " (all " + total + " addresses)";
            return new Probe(Probe.Status.REACHED, message, timings, observation);
        }
        String message = failing.size() + " of " + total + " address" + (total == 1 ? "" : "es") + " failed: "
                + String.join("; ", reasons);
        Probe.Status status = allTimedOut && failing.size() == total ? Probe.Status.TIMEOUT : Probe.Status.FAILED;
        return new Probe(status, message, timings, observation);
    }

    /** The slowest reached address's observation, plus the {@code addresses.*} values. */
    private record Merged(Observation base, int total, List<String> failing) implements Observation {
        @Override
        public Optional<Object> value(String placeholder) {
            return switch (placeholder) {
                case "addresses.total" -> Optional.of((long) total);
                case "addresses.failed" -> Optional.of((long) failing.size());
                case "addresses.failing" -> Optional.of(failing);
                default -> base.value(placeholder);
            };
        }
    }
}
