package dev.lookout.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads {@code accounts:}; every key has a default, so the section is optional. */
final class AccountsConfigReader {
    private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+");
    /** The account roles' codes; the config package does not see the account package, which reads this config. */
    static final List<String> ROLES = List.of("admin", "editor", "viewer");

    AccountsConfig read(ConfigNode node) {
        AccountsConfig d = AccountsConfig.DEFAULTS;
        if (!node.isPresent()) {
            return d;
        }
        if (!node.isMapping()) {
            node.error("expected a mapping with session_idle, session_lifetime, login_attempts, trusted_proxies, require_2fa and oidc");
            return d;
        }
        Duration idle = node.duration("session_idle", d.sessionIdle(), Duration.ofMinutes(1), Duration.ofDays(30));
        Duration lifetime = node.duration("session_lifetime", d.sessionLifetime(), Duration.ofMinutes(1), Duration.ofDays(365));
        if (lifetime.compareTo(idle) < 0) {
            node.get("session_lifetime").error("must be at least session_idle (" + idle + ")");
        }
        int perAccount = d.attemptsPerAccount();
        int perAddress = d.attemptsPerAddress();
        Duration window = d.attemptWindow();
        ConfigNode attempts = node.get("login_attempts");
        if (attempts.isPresent()) {
            if (attempts.isMapping()) {
                perAccount = attempts.integer("per_account", perAccount, 1, 1000);
                perAddress = attempts.integer("per_address", perAddress, 1, 100_000);
                window = attempts.duration("window", window, Duration.ofSeconds(10), Duration.ofDays(1));
                attempts.rejectUnknownKeys();
            } else {
                attempts.error("expected a mapping with per_account, per_address and window");
            }
        }
        List<String> proxies = new ArrayList<>();
        for (String proxy : node.stringList("trusted_proxies")) {
            if (!IP.matcher(proxy).matches()) {
                node.get("trusted_proxies").error("'" + proxy + "' is not an IP address");
                continue;
            }
            try {
                proxies.add(InetAddress.getByName(proxy).getHostAddress()); // a literal: no lookup
            } catch (UnknownHostException e) {
                node.get("trusted_proxies").error("'" + proxy + "' is not an IP address");
            }
        }
        List<String> requireTwoFactor = new ArrayList<>();
        for (String role : node.stringList("require_2fa")) {
            if (ROLES.contains(role)) {
                requireTwoFactor.add(role);
            } else {
                node.get("require_2fa").error("unknown role '" + role + "' (known: admin, editor, viewer)");
            }
        }
        OidcConfig oidc = new OidcConfigReader().read(node.get("oidc"));
        node.rejectUnknownKeys();
        return new AccountsConfig(idle, lifetime, perAccount, perAddress, window, proxies, requireTwoFactor, oidc);
    }
}
