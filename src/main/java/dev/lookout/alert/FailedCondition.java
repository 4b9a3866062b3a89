package dev.lookout.alert;

/** A condition that failed, with the value the check saw ({@code status == 200}, actual {@code 503}). */
public record FailedCondition(String condition, String actual) {
}
