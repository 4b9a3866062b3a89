package dev.lookout.condition;

/** Comparison operators of the condition language. */
public enum Operator {
    EQ("=="), NE("!="), LE("<="), GE(">="), LT("<"), GT(">"), CONTAINS("contains"), MATCHES("matches"), IN("in");

    final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
