package dev.lookout.condition;

/** A condition that cannot be parsed; {@link #column()} is 1-based within the condition text. */
public final class ConditionSyntaxException extends Exception {
    private final int column;

    public ConditionSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
