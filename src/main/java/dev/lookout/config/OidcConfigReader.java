package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code accounts.oidc:}; absent means no single sign-on. */
final class OidcConfigReader {
    private static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");
    static final ValueShape.Mapping ROLES_SHAPE = ValueShape.mapping(
            key("admin", ValueShape.TEXTS, null, "Groups whose members are admins"),
            key("editor", ValueShape.TEXTS, null, "Groups whose members are editors"),
            key("viewer", ValueShape.TEXTS, null, "Groups whose members are viewers"));
    static final ValueShape.Mapping SHAPE = ValueShape.mapping(
            required("issuer", ValueShape.TEXT, "The provider's issuer URL (discovery at /.well-known/openid-configuration)"),
            required("client_id", ValueShape.TEXT, "The client id registered at the provider"),
            required("client_secret", ValueShape.TEXT, "The client secret; keep it in the environment"),
            key("groups_claim", ValueShape.TEXT, "groups", "The ID token claim that lists the user's groups"),
            key("name_claim", ValueShape.TEXT, "preferred_username", "The ID token claim used as the user's name"),
            key("scopes", ValueShape.TEXTS, "openid profile email", "Scopes asked for; openid is always added"),
            required("roles", ROLES_SHAPE, "Which groups give which role"));

    OidcConfig read(ConfigNode node) {
        if (!node.isPresent()) {
            return null;
        }
        if (!node.isMapping()) {
            node.error("expected a mapping with issuer, client_id, client_secret, groups_claim and roles");
            return null;
        }
        String issuer = node.requiredString("issuer").orElse(null);
        if (issuer != null && !isHttpUrl(issuer)) {
            node.get("issuer").error("'" + issuer + "' is not an http(s) URL");
        }
        String clientId = node.requiredString("client_id").orElse(null);
        String clientSecret = node.requiredString("client_secret").orElse(null);
        String groupsClaim = node.string("groups_claim", "groups");
        String nameClaim = node.string("name_claim", "preferred_username");
        Set<String> scopes = new LinkedHashSet<>(List.of("openid"));
        scopes.addAll(node.has("scopes") ? node.stringList("scopes") : DEFAULT_SCOPES);
        Map<String, List<String>> roles = readRoles(node.get("roles"));
        node.rejectUnknownKeys(SHAPE.keys());
        if (issuer == null || clientId == null || clientSecret == null || roles.isEmpty()) {
            return null;
        }
        return new OidcConfig(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer, clientId, clientSecret,
                groupsClaim, nameClaim, new ArrayList<>(scopes), roles);
    }

    private static Map<String, List<String>> readRoles(ConfigNode node) {
        Map<String, List<String>> roles = new HashMap<>();
        if (!node.isPresent()) {
            node.error("is required: which groups give which role, e.g. { admin: [ops-admins], viewer: [staff] }");
            return roles;
        }
        if (!node.isMapping()) {
            node.error("expected a mapping of roles (admin, editor, viewer) to lists of groups");
            return roles;
        }
        for (String role : AccountsConfigReader.ROLES) {
            List<String> groups = node.stringList(role);
            if (!groups.isEmpty()) {
                roles.put(role, List.copyOf(groups));
            }
        }
        node.rejectUnknownKeys(ROLES_SHAPE.keys());
        if (roles.isEmpty()) {
            node.error("names no group: at least one of admin, editor and viewer needs a list of groups");
        }
        return roles;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
