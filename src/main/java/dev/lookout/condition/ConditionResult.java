package dev.lookout.condition;

/**
 * One condition evaluated against one observation, keeping the value it saw so that alerts and
 * the API can say "status == 200 failed: actual 503".
 */
public record ConditionResult(String condition, boolean passed, boolean degradedOnly, String actual) {
}
