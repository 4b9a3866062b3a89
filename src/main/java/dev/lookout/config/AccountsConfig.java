package dev.lookout.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code accounts:} how operators' sessions last and how hard a login may be tried.
 *
 * @param sessionIdle        a session unused this long ends
 * @param sessionLifetime    a session ends this long after its login, however busy
 * @param attemptsPerAccount failed logins of one account within {@code attemptWindow} before it is refused for a while
 * @param attemptsPerAddress failed logins from one address within {@code attemptWindow} before it is refused for a while
 * @param attemptWindow      how long a failed login counts
 * @param trustedProxies     addresses whose {@code X-Forwarded-Proto} and {@code X-Forwarded-For} are believed
 * @param requireTwoFactor   the roles ({@code admin}, {@code editor}, {@code viewer}) whose users must set up two-factor
 *                           authentication before they may do anything else
 * @param oidc               single sign-on, or null when there is none
 * @param secretKeyFile      the file with the key that seals two-factor secrets in the database; null: beside
 *                           {@code storage.state_file} ({@code lookout.secret.key}), created at first start
 */
public record AccountsConfig(Duration sessionIdle, Duration sessionLifetime, int attemptsPerAccount, int attemptsPerAddress,
                             Duration attemptWindow, List<String> trustedProxies, List<String> requireTwoFactor,
                             OidcConfig oidc, java.nio.file.Path secretKeyFile) {
    public static final AccountsConfig DEFAULTS = new AccountsConfig(Duration.ofHours(8), Duration.ofDays(7), 5, 20,
            Duration.ofMinutes(15), List.of(), List.of(), null);

    public AccountsConfig(Duration sessionIdle, Duration sessionLifetime, int attemptsPerAccount, int attemptsPerAddress,
                          Duration attemptWindow, List<String> trustedProxies, List<String> requireTwoFactor, OidcConfig oidc) {
        this(sessionIdle, sessionLifetime, attemptsPerAccount, attemptsPerAddress, attemptWindow, trustedProxies,
                requireTwoFactor, oidc, null);
    }

    public AccountsConfig {
        trustedProxies = List.copyOf(trustedProxies);
        requireTwoFactor = List.copyOf(requireTwoFactor);
    }
}
