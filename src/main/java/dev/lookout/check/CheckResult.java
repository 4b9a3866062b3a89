package dev.lookout.check;

import dev.lookout.condition.ConditionResult;
import java.time.Instant;
import java.util.List;

/**
 * One check run with its verdict: what the store keeps, what the state machine consumes and what
 * the API shows. {@code conditions} keeps every condition with the value it saw.
 *
 * @param certificateNotAfter when the certificate the check saw expires ({@code cert.not_after}: https and
 *                            tls checks), for the metrics; null when it saw none. Not stored with the result.
 */
public record CheckResult(String monitorId, Instant startedAt, Outcome outcome, String message, Timings timings,
                          List<ConditionResult> conditions, Instant certificateNotAfter) {

    public CheckResult {
        conditions = List.copyOf(conditions);
        message = message == null ? "" : message;
    }

    /** A result that saw no certificate. */
    public CheckResult(String monitorId, Instant startedAt, Outcome outcome, String message, Timings timings,
                       List<ConditionResult> conditions) {
        this(monitorId, startedAt, outcome, message, timings, conditions, null);
    }

    /** The one of two results of a monitor that started later ({@code a} when they started at once). */
    public static CheckResult newer(CheckResult a, CheckResult b) {
        return b.startedAt().isBefore(a.startedAt()) ? a : b;
    }

    public List<ConditionResult> failedConditions() {
        return conditions.stream().filter(c -> !c.passed()).toList();
    }
}
