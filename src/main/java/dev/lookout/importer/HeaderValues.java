package dev.lookout.importer;

import java.util.Locale;
import java.util.Set;

/**
 * Which request header values are kept in the written file. Header values carry API keys and
 * tokens as often as not, and no source marks them: every header except a few that never hold a
 * credential is moved to the environment.
 */
public final class HeaderValues {
    private static final Set<String> PLAIN = Set.of("accept", "accept-language", "accept-encoding", "content-type",
            "user-agent", "cache-control", "pragma", "x-requested-with");

    private HeaderValues() {
    }

    public static boolean mayHoldSecret(String headerName) {
        return !PLAIN.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
