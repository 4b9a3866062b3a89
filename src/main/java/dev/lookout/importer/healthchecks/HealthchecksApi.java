package dev.lookout.importer.healthchecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.importer.ImportException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The two calls of Healthchecks' Management API v3 the import needs: {@code GET /api/v3/checks/}
 * and {@code GET /api/v3/channels/}, each with the project's API key in {@code X-Api-Key}.
 */
final class HealthchecksApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI siteRoot;
    private final String apiKey;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** @param siteRoot Healthchecks' SITE_ROOT, e.g. https://healthchecks.io (a path prefix is kept) */
    HealthchecksApi(URI siteRoot, String apiKey) {
        String root = siteRoot.toString();
        this.siteRoot = URI.create(root.endsWith("/") ? root : root + "/");
        this.apiKey = apiKey;
    }

    JsonNode checks() throws ImportException {
        return get("api/v3/checks/", "checks");
    }

    JsonNode channels() throws ImportException {
        return get("api/v3/channels/", "channels");
    }

    private JsonNode get(String path, String list) throws ImportException {
        URI uri = siteRoot.resolve(path);
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("X-Api-Key", apiKey)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ImportException.unreachable("cannot reach " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImportException.unreachable("interrupted while asking " + uri, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ImportException(uri + " refused the API key (" + response.statusCode() + " "
                    + (body == null ? "" : body.path("error").asText("")) + "): give the project's read-write API key"
                    + " (Healthchecks: Project Settings, API Access)");
        }
        if (response.statusCode() != 200 || body == null || !body.path(list).isArray()) {
            throw new ImportException(uri + " answered " + response.statusCode() + " without a " + list
                    + " list: is this a Healthchecks site root (Management API v3)?");
        }
        return body.path(list);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
