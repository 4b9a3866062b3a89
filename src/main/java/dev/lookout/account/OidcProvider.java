package dev.lookout.account;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.lookout.config.OidcConfig;
import java.io.IOException;
import java.util.List;

/**
 * One OpenID Connect provider as discovered from {@code ISSUER/.well-known/openid-configuration}:
 * its endpoints, and a validator of its ID tokens that fetches its JWKS (again when a token names a
 * key it has not seen: the provider rotated its keys).
 */
final class OidcProvider {
    /** Connect and read timeouts of every request to the provider, in ms: a sign-in waits for it. */
    static final int TIMEOUT_MS = 5_000;
    private static final int MAX_JWKS_BYTES = 512 * 1024;

    final OidcConfig config;
    final OIDCProviderMetadata metadata;
    final IDTokenValidator validator;

    private OidcProvider(OidcConfig config, OIDCProviderMetadata metadata, IDTokenValidator validator) {
        this.config = config;
        this.metadata = metadata;
        this.validator = validator;
    }

    /** Asks the issuer for its metadata; fails when it cannot be reached or its answer is not usable. */
    static OidcProvider discover(OidcConfig config) throws IOException, GeneralException {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), TIMEOUT_MS, TIMEOUT_MS);
        if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getAuthorizationEndpointURI() == null) {
            throw new GeneralException("the provider's metadata lacks jwks_uri, token_endpoint or authorization_endpoint");
        }
        List<JWSAlgorithm> algorithms = metadata.getIDTokenJWSAlgs();
        // RS256 is what every provider must offer (OpenID Connect Discovery 1.0, section 3).
        JWSAlgorithm algorithm = algorithms == null || algorithms.isEmpty() || algorithms.contains(JWSAlgorithm.RS256)
                ? JWSAlgorithm.RS256 : algorithms.getFirst();
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(config.clientId()), algorithm,
                metadata.getJWKSetURI().toURL(), new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_JWKS_BYTES));
        return new OidcProvider(config, metadata, validator);
    }

    /** Whether the token endpoint takes the secret only in the form, not in the Authorization header. */
    boolean wantsSecretInForm() {
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        return methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
    }
}
