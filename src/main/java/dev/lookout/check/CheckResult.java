package dev.lookout.check;

import dev.lookout.condition.ConditionResult;
import java.time.Instant;
import java.util.List;

/**
 * One check run with its verdict: what the store keeps, what the state machine consumes and what
 * the API shows. {@code conditions} keeps every condition with the value it saw.
 */
public record CheckResult(String monitorId, Instant startedAt, Outcome outcome, String message, Timings timings,
                          List<ConditionResult> conditions) {

    public CheckResult {
        conditions = List.copyOf(conditions);
        message = message == null ? "" : message;
    }

    public List<ConditionResult> failedConditions() {
        return conditions.stream().filter(c -> !c.passed()).toList();
    }
}
