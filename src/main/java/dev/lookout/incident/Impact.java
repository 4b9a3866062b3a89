package dev.lookout.incident;

/** How bad an incident is for users, as Statuspage grades it. */
public enum Impact {
    NONE, MINOR, MAJOR, CRITICAL;

    public static Impact parse(String code) {
        return Codes.parse(Impact.class, "impact", code);
    }

    public String code() {
        return Codes.code(this);
    }
}
