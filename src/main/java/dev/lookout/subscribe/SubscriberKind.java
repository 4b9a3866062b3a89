package dev.lookout.subscribe;

import java.util.Locale;

/** How a subscriber is reached: by mail (after double opt-in) or by a webhook an operator added. */
public enum SubscriberKind {
    EMAIL, WEBHOOK;

    /** The lower-case code stored and shown in the API. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriberKind of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
