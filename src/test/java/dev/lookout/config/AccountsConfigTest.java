package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code accounts.require_2fa}: the roles whose users must set up two-factor authentication. */
class AccountsConfigTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of());

    @Test
    void no_role_needs_two_factor_authentication_unless_listed() throws Exception {
        assertThat(loader.parse("lookout.yaml", "storage: { url: \"sqlite:x.db\" }\n").accounts().requireTwoFactor()).isEmpty();
        assertThat(loader.parse("lookout.yaml", "accounts: { require_2fa: [admin, editor] }\n").accounts().requireTwoFactor())
                .containsExactly("admin", "editor");
    }

    @Test
    void an_unknown_role_is_an_error_with_its_position() {
        assertThatThrownBy(() -> loader.parse("lookout.yaml", "accounts:\n  require_2fa: [admin, owner]\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigError::toString)
                        .isEqualTo(List.of("lookout.yaml:2:16 accounts.require_2fa: unknown role 'owner' (known: admin, editor,"
                                + " viewer)")));
    }
}
