package dev.lookout.config;

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
        node.rejectUnknownKeys();
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
        node.rejectUnknownKeys();
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
