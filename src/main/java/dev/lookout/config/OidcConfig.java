package dev.lookout.config;

import java.util.List;
import java.util.Map;

/**
 * {@code accounts.oidc:} single sign-on with an OpenID Connect provider (authorization code with
 * PKCE). The provider's endpoints and keys come from {@code ISSUER/.well-known/openid-configuration}.
 *
 * @param issuer       the provider's issuer URL, exactly as it appears in its ID tokens' {@code iss}
 * @param clientId     Lookout's client id at the provider
 * @param clientSecret the client's secret (from the environment, {@code ${OIDC_SECRET}})
 * @param groupsClaim  the ID token claim with the user's groups
 * @param nameClaim    the ID token claim whose value becomes the Lookout user name
 * @param scopes       the scopes asked for; {@code openid} is always among them
 * @param roles        for each role ({@code admin}, {@code editor}, {@code viewer}), the groups that give it;
 *                     a user in several gets the strongest
 */
public record OidcConfig(String issuer, String clientId, String clientSecret, String groupsClaim, String nameClaim,
                         List<String> scopes, Map<String, List<String>> roles) {

    public OidcConfig {
        scopes = List.copyOf(scopes);
        roles = Map.copyOf(roles);
    }

    /** Without the secret: configurations are printed and logged. */
    @Override
    public String toString() {
        return "OidcConfig[issuer=" + issuer + ", clientId=" + clientId + ", groupsClaim=" + groupsClaim + ", nameClaim="
                + nameClaim + ", scopes=" + scopes + ", roles=" + roles + "]";
    }
}
