package dev.lookout.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP for the whole process, caught from the first moment {@link #catchFromNow} is called:
 * without it the JVM ends the process on SIGHUP, so a {@code systemctl reload} that came while
 * Lookout was still starting would stop it. A signal that comes before anything listens is kept
 * and delivered, once, to the first listener.
 */
public final class HangupSignal {
    private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

    private static Runnable listener;
    private static boolean missed;
    private static boolean caught;

    private HangupSignal() {
    }

    /** Catches SIGHUP from now on. Not available on every platform: logged when missing. */
    public static synchronized void catchFromNow() {
        if (caught) {
            return;
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> arrived());
            caught = true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP reload not available here: {}", e.getMessage());
        }
    }

    /** Runs {@code onHangup} at every SIGHUP from now on, and now if one came while nothing listened. */
    static void deliverTo(Runnable onHangup) {
        boolean owed;
        synchronized (HangupSignal.class) {
            catchFromNow();
            listener = onHangup;
            owed = missed;
            missed = false;
        }
        if (owed) {
            onHangup.run();
        }
    }

    private static void arrived() {
        Runnable current;
        synchronized (HangupSignal.class) {
            current = listener;
            if (current == null) {
                missed = true;
                log.info("SIGHUP while starting: reloading once started");
                return;
            }
        }
        current.run();
    }
}
