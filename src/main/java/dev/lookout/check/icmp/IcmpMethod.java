package dev.lookout.check.icmp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an ICMP check sends its echo requests: {@code raw} from this process, {@code system} through the {@code ping} binary, {@code auto} the first that works here. */
public enum IcmpMethod {
    AUTO, RAW, SYSTEM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<IcmpMethod> parse(String code) {
        return Arrays.stream(values()).filter(m -> m.code().equals(code)).findFirst();
    }
}
