package dev.lookout.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an operator may do, weakest first: each role may do everything the ones before it may. */
public enum AccountRole {
    /** Reads everything an operator sees. */
    VIEWER,
    /** Also writes incidents, maintenance, acknowledgements and subscribers. */
    EDITOR,
    /** Also manages users, API keys and the storage. */
    ADMIN;

    /** The name in the database, the API and the CLI: {@code admin}, {@code editor}, {@code viewer}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(AccountRole needed) {
        return compareTo(needed) >= 0;
    }

    public static Optional<AccountRole> parse(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /** "admin, editor or viewer", for error messages. */
    public static String known() {
        return Arrays.stream(values()).map(AccountRole::code).sorted().collect(Collectors.joining(", "));
    }
}
