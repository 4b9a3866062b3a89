package dev.lookout.check;

/** The deadline passed during {@link #phase()} (dns, connect, tls, request, first byte, body). */
public final class DeadlineExceededException extends Exception {
    private final String phase;

    public DeadlineExceededException(String phase) {
        super("deadline exceeded during " + phase, null, false, false);
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }
}
