package dev.lookout.web.console;

/** Durations in milliseconds as the console prints them: one decimal below 100 ms, whole above. */
final class Milliseconds {
    private Milliseconds() {
    }

    static String text(double ms) {
        if (ms < 100) {
            return String.format(java.util.Locale.ROOT, "%.1f ms", ms);
        }
        return Math.round(ms) + " ms";
    }

    /** Microseconds as {@link #text(double)}; a negative value (phase not reached) as a dash. */
    static String micros(long micros) {
        return micros < 0 ? "–" : text(micros / 1000.0);
    }
}
