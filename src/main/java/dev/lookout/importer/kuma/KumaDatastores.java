package dev.lookout.importer.kuma;

import dev.lookout.importer.Draft;
import dev.lookout.importer.Node;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Kuma's {@code postgres}, {@code mysql} and {@code redis} monitors: one connection string
 * ({@code postgres://user:password@host:port/db?sslmode=...}, {@code redis://:password@host:port/2})
 * split into Lookout's keys, the password moved to the environment.
 */
final class KumaDatastores {
    private static final String SECRET_SAMPLE = "imported-secret-0000";

    private final Draft draft;

    KumaDatastores(Draft draft) {
        this.draft = draft;
    }

    Node database(String id, KumaRow m, String what) {
        URI uri = connectionUri(m, what);
        if (uri == null) {
            return null;
        }
        String[] user = userInfo(uri);
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty() || user[0] == null) {
            return missing(what, "database and user in its connection string");
        }
        Node s = new Node().put("type", m.type()).put("host", uri.getHost()).put("port", uri.getPort() > 0 ? uri.getPort() : null)
                .put("database", database).put("user", user[0])
                .put("password", user[1] == null ? null : draft.secret(id + "_PASSWORD", SECRET_SAMPLE,
                        "the password in the connection string of Uptime Kuma monitor '" + m.name() + "'"))
                .put("query", m.text("database_query"));
        String query = uri.getQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                String[] kv = parameter.split("=", 2);
                if (kv[0].equals("sslmode") && kv.length == 2 && Set.of("disable", "prefer", "require", "verify-full").contains(kv[1])) {
                    s.put("ssl_mode", kv[1]);
                } else {
                    draft.notCarried(what + ": connection parameter '" + kv[0] + "' not carried over");
                }
            }
        }
        return s;
    }

    Node redis(String id, KumaRow m, String what) {
        URI uri = connectionUri(m, what);
        if (uri == null) {
            return null;
        }
        String[] user = userInfo(uri);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        Node s = new Node().put("type", "redis").put("host", uri.getHost()).put("port", uri.getPort() > 0 && uri.getPort() != 6379 ? uri.getPort() : null);
        if (user[1] != null) {
            s.put("username", user[0] == null || user[0].isEmpty() || user[0].equals("default") ? null : user[0])
                    .put("password", draft.secret(id + "_PASSWORD", SECRET_SAMPLE, "the password in the connection string of Uptime Kuma monitor '" + m.name() + "'"));
        }
        if (path.matches("\\d+") && !path.equals("0")) {
            s.put("database", Long.parseLong(path));
        }
        if (uri.getScheme().equalsIgnoreCase("rediss")) {
            s.put("tls", true);
        }
        return s;
    }

    private URI connectionUri(KumaRow m, String what) {
        String text = m.text("database_connection_string");
        try {
            URI uri = text == null ? null : new URI(text.trim());
            if (uri != null && uri.getHost() != null) {
                return uri;
            }
        } catch (Exception e) {
            // reported below
        }
        draft.notCarried(what + ": not imported: its connection string is not a URL with a host (" + (text == null ? "none" : "unreadable") + ")");
        return null;
    }

    /** User and password of a URL, decoded; each null when absent. */
    private static String[] userInfo(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null) {
            return new String[] {null, null};
        }
        String[] parts = info.split(":", 2);
        return new String[] {URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null};
    }

    private Node missing(String what, String setting) {
        draft.notCarried(what + ": not imported: it has no " + setting);
        return null;
    }
}
