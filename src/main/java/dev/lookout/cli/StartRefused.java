package dev.lookout.cli;

/**
 * A start that must not go on for a reason the operator fixes (a setting, a file): its message is
 * the whole story, one line, said without a stack trace.
 */
final class StartRefused extends RuntimeException {
    StartRefused(String message) {
        super(message, null, false, false);
    }
}
