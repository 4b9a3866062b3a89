package dev.lookout.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing the lower-case wire codes of this package's enums, with a message listing the accepted ones. */
final class Codes {
    private Codes() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String what, String code) {
        if (code == null || code.isBlank()) {
            throw IncidentException.invalid(what + " is required (one of " + list(type) + ")");
        }
        for (E value : type.getEnumConstants()) {
            if (code(value).equals(code)) {
                return value;
            }
        }
        throw IncidentException.invalid("unknown " + what + " '" + code + "' (expected one of " + list(type) + ")");
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> String list(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Codes::code).collect(Collectors.joining(", "));
    }
}
