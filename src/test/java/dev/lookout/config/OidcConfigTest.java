package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code accounts.oidc}: single sign-on's provider, client and the groups that give roles. */
class OidcConfigTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of("OIDC_SECRET", "s3cret"));

    @Test
    void reads_the_provider_the_client_and_the_roles_with_defaults_for_the_claims() throws Exception {
        OidcConfig oidc = loader.parse("lookout.yaml", """
                accounts:
                  oidc:
                    issuer: "https://id.example.com/realms/ops/"
                    client_id: lookout
                    client_secret: "${OIDC_SECRET}"
                    roles: { admin: [ops-admins], viewer: staff }
                """).accounts().oidc();

        assertThat(oidc.issuer()).as("without the trailing slash").isEqualTo("https://id.example.com/realms/ops");
        assertThat(oidc.clientSecret()).isEqualTo("s3cret");
        assertThat(oidc.groupsClaim()).isEqualTo("groups");
        assertThat(oidc.nameClaim()).isEqualTo("preferred_username");
        assertThat(oidc.scopes()).containsExactly("openid", "profile", "email");
        assertThat(oidc.roles()).isEqualTo(Map.of("admin", List.of("ops-admins"), "viewer", List.of("staff")));
        assertThat(oidc.toString()).doesNotContain("s3cret");
    }

    @Test
    void no_oidc_section_is_no_single_sign_on() throws Exception {
        assertThat(loader.parse("lookout.yaml", "accounts: { session_idle: 2h }\n").accounts().oidc()).isNull();
    }

    @Test
    void every_mistake_is_reported_with_its_position() {
        assertThatThrownBy(() -> loader.parse("lookout.yaml", """
                accounts:
                  oidc:
                    issuer: "id.example.com"
                    client_id: lookout
                    roles: { owner: [everyone] }
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigError::toString)
                        .containsExactlyInAnyOrder(
                                "lookout.yaml:3:13 accounts.oidc.issuer: 'id.example.com' is not an http(s) URL",
                                "lookout.yaml:3:5 accounts.oidc.client_secret: is required",
                                "lookout.yaml:5:14 accounts.oidc.roles.owner: unknown key 'owner'",
                                "lookout.yaml:5:12 accounts.oidc.roles: names no group: at least one of admin, editor and"
                                        + " viewer needs a list of groups"));
    }
}
