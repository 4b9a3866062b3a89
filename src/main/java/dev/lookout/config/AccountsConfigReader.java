package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;
import static dev.lookout.config.ValueShape.mapping;
import static dev.lookout.config.ValueShape.whole;

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

    private static final ValueShape.Mapping LOGIN_ATTEMPTS = mapping(
            key("per_account", whole(1, 1000), String.valueOf(AccountsConfig.DEFAULTS.attemptsPerAccount()),
                    "Failed logins per account within window before it is held"),
            key("per_address", whole(1, 100_000), String.valueOf(AccountsConfig.DEFAULTS.attemptsPerAddress()),
                    "Failed logins per client address within window"),
            key("window", DURATION, "15m", "Window the attempts are counted in; 10s..1d"));
    static final ValueShape.Mapping SHAPE = mapping(
            key("session_idle", DURATION, "8h", "A console session unused this long ends; 1m..30d"),
            key("session_lifetime", DURATION, "7d", "A console session ends this long after login; 1m..365d"),
            key("login_attempts", LOGIN_ATTEMPTS, null, "Limits on failed logins"),
            key("trusted_proxies", TEXTS, null, "IP addresses of reverse proxies whose X-Forwarded-For is believed"),
            key("require_2fa", new ValueShape.ListOf(ValueShape.choice("admin", "editor", "viewer"), true), null,
                    "Roles whose users must set up two-factor authentication before anything else"),
            key("oidc", OidcConfigReader.SHAPE, null, "Single sign-on with an OpenID Connect provider"),
            key("secret_key_file", TEXT, "lookout.secret.key beside storage.state_file",
                    "File with the AES-256 key sealing two-factor secrets in the database (created, 0600, if missing);"
                            + " every node of a cluster needs the same one"));

    /** What a relative {@code secret_key_file} is relative to: the configuration file's directory. */
    private final java.nio.file.Path directory;

    AccountsConfigReader(java.nio.file.Path directory) {
        this.directory = directory;
    }

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
                attempts.rejectUnknownKeys(LOGIN_ATTEMPTS.keys());
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
        java.nio.file.Path keyFile = null;
        String keyFileName = node.string("secret_key_file", null);
        if (keyFileName != null) {
            try {
                keyFile = directory.resolve(keyFileName);
            } catch (java.nio.file.InvalidPathException e) {
                node.get("secret_key_file").error("'" + keyFileName + "' is not a file path: " + e.getReason());
            }
        }
        node.rejectUnknownKeys(SHAPE.keys());
        return new AccountsConfig(idle, lifetime, perAccount, perAddress, window, proxies, requireTwoFactor, oidc, keyFile);
    }
}
