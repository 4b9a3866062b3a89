package dev.lookout.alert.channel;

import java.util.Objects;

/**
 * A configured value that must not reach logs: a webhook URL with its token, a routing key, a
 * password. Settings records hold it so that printing them shows no secret.
 */
public record Secret<T>(T value) {

    public Secret {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
