package dev.lookout.web.console;

import dev.lookout.web.ApiException;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The console's script and style sheet, served from the jar: htmx (the webjar, pinned in the
 * pom), {@code console.js} and {@code console.css}. Scripts are allowed by their SHA-256 in the
 * console's Content-Security-Policy and carry the same hash as {@code integrity}, so no inline or
 * injected script runs. Public: the files hold nothing secret, and the login page may use them.
 */
public final class ConsoleAssets implements RouteGroup {
    static final String HTMX = "htmx.min.js";
    static final String SCRIPT = "console.js";
    static final String STYLE = "console.css";
    private static final String HTMX_RESOURCE = "/META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js";

    /** One file: its bytes, type and {@code sha256-…} hash (the ETag, the CSP source and the {@code integrity}). */
    record Asset(byte[] bytes, String contentType, String hash) {
    }

    private final Map<String, Asset> assets;

    public ConsoleAssets() {
        this.assets = Map.of(
                HTMX, load(HTMX_RESOURCE, "text/javascript; charset=utf-8"),
                SCRIPT, load("/web/console/console.js", "text/javascript; charset=utf-8"),
                STYLE, load("/web/console/console.css", "text/css; charset=utf-8"));
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/console/assets/{name}", Role.PUBLIC, this::serve));
    }

    /** The {@code sha256-…} of a script, for its {@code integrity} attribute. */
    String integrity(String name) {
        return assets.get(name).hash();
    }

    /** The console pages' Content-Security-Policy: only these scripts, by hash; styles and everything else from here. */
    String contentSecurityPolicy() {
        return "default-src 'none'; script-src '" + integrity(HTMX) + "' '" + integrity(SCRIPT) + "'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    private void serve(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("name"));
        if (asset == null) {
            throw ApiException.notFound("no console asset '" + ctx.pathParam("name") + "'");
        }
        String etag = "\"" + asset.hash() + "\"";
        ctx.header("ETag", etag).header("Cache-Control", "no-cache"); // revalidated each time: a 304 costs nothing
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static Asset load(String resource, String contentType) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + resource + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            String hash = "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new Asset(bytes, contentType, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
