package dev.lookout.check.icmp;

import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.Timings;
import java.io.IOException;
import java.net.InetAddress;

/** One way of sending a check's echo requests to an already resolved address, all within the deadline. */
interface Pinger {

    /** Throws {@link DeadlineExceededException} when not even one request fits or the deadline ends the run. */
    IcmpObservation ping(InetAddress target, Deadline deadline, Timings.Recorder timings)
            throws IOException, InterruptedException, DeadlineExceededException;

    /** Appended to the check's message, so that a result says how it was measured. */
    String describe();
}
