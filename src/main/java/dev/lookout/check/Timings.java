package dev.lookout.check;

import java.time.Duration;

/**
 * Where a check's time went, in microseconds since it started; -1 where a phase did not happen
 * (no DNS for an IP literal, no TLS for plain HTTP, or the check ended before it).
 */
public record Timings(long dnsMicros, long connectMicros, long tlsMicros, long firstByteMicros, long totalMicros) {
    public static final long NONE = -1;

    /**
     * How long each phase took, in microseconds: DNS, connect, TLS, and the wait for the first byte
     * after them; {@link #NONE} where a phase did not happen.
     */
    public long[] phaseMicros() {
        long[] at = {dnsMicros, connectMicros, tlsMicros, firstByteMicros};
        long[] took = new long[at.length];
        long before = 0;
        for (int i = 0; i < at.length; i++) {
            took[i] = at[i] == NONE ? NONE : at[i] - before;
            before = at[i] == NONE ? before : at[i];
        }
        return took;
    }

    /** A duration in microseconds with the digits that matter: "0.4 ms", "12 ms", "1.25 s". */
    public static String text(long micros, java.util.Locale locale) {
        double ms = micros / 1000.0;
        if (ms >= 1000) {
            return String.format(locale, "%.2f s", ms / 1000);
        }
        return String.format(locale, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
    }

    public static Timings totalOnly(long totalMicros) {
        return new Timings(NONE, NONE, NONE, NONE, totalMicros);
    }

    public Duration total() {
        return Duration.ofNanos(totalMicros * 1_000);
    }

    /** Mutable recorder used inside one check run; {@link #finish} freezes it into a {@link Timings}. */
    public static final class Recorder {
        private final Deadline deadline;
        private long dns = NONE;
        private long connect = NONE;
        private long tls = NONE;
        private long firstByte = NONE;

        public Recorder(Deadline deadline) {
            this.deadline = deadline;
        }

        public void dnsDone() {
            dns = deadline.elapsedMicros();
        }

        public void connectDone() {
            connect = deadline.elapsedMicros();
        }

        public void tlsDone() {
            tls = deadline.elapsedMicros();
        }

        public void firstByte() {
            if (firstByte == NONE) {
                firstByte = deadline.elapsedMicros();
            }
        }

        public Timings finish() {
            return new Timings(dns, connect, tls, firstByte, deadline.elapsedMicros());
        }
    }
}
