package dev.lookout.check.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one HTTP check sends and how it treats the answer.
 *
 * @param url             http or https URL to request
 * @param method          request method, upper case (GET when null)
 * @param headers         extra request headers in the order they are sent; they replace the defaults
 *                        ({@code User-Agent}, {@code Accept}, {@code Authorization}) of the same name;
 *                        {@code Host}, {@code Connection} and {@code Content-Length} are always ours
 * @param body            request body sent as UTF-8, or null for none
 * @param basicUser       user for basic authentication, or null
 * @param basicPassword   password for basic authentication (empty when null)
 * @param bearerToken     token for {@code Authorization: Bearer}, or null; not together with basic
 * @param followRedirects whether 301/302/303/307/308 are followed
 * @param maxRedirects    how many redirects are followed before the check fails
 * @param verifyTls       whether the certificate must be trusted and match the host
 * @param allAddresses    request from every address of the URL's host separately (each A and AAAA
 *                        record); fails when any of them fails
 */
public record HttpSettings(URI url, String method, Map<String, String> headers, String body, String basicUser,
                           String basicPassword, String bearerToken, boolean followRedirects, int maxRedirects,
                           boolean verifyTls, boolean allAddresses) {

    public static final int DEFAULT_MAX_REDIRECTS = 5;

    /** Against the first address that accepts (not {@code all_addresses}). */
    public HttpSettings(URI url, String method, Map<String, String> headers, String body, String basicUser,
                        String basicPassword, String bearerToken, boolean followRedirects, int maxRedirects, boolean verifyTls) {
        this(url, method, headers, body, basicUser, basicPassword, bearerToken, followRedirects, maxRedirects, verifyTls, false);
    }

    public HttpSettings {
        if (url == null || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("url must be an absolute http or https URL with a host, got " + url);
        }
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("method must be letters only, got '" + method + "'");
        }
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headers.forEach((name, value) -> {
            // A CR or LF would let configuration smuggle extra headers or a second request.
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value == null || value.indexOf('\r') >= 0
                    || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid header '" + name + "'");
            }
        });
        if (basicUser != null && bearerToken != null) {
            throw new IllegalArgumentException("basic authentication and bearer token are exclusive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0, got " + maxRedirects);
        }
    }

    /** A GET of {@code url}, following up to 5 redirects, verifying TLS. */
    public static HttpSettings get(URI url) {
        return new HttpSettings(url, "GET", Map.of(), null, null, null, null, true, DEFAULT_MAX_REDIRECTS, true);
    }

    public HttpSettings withRequest(String method, Map<String, String> headers, String body) {
        return new HttpSettings(url, method, headers, body, basicUser, basicPassword, bearerToken, followRedirects,
                maxRedirects, verifyTls, allAddresses);
    }

    public HttpSettings withBasicAuth(String user, String password) {
        return new HttpSettings(url, method, headers, body, user, password, null, followRedirects, maxRedirects,
                verifyTls, allAddresses);
    }

    public HttpSettings withBearerToken(String token) {
        return new HttpSettings(url, method, headers, body, null, null, token, followRedirects, maxRedirects, verifyTls,
                allAddresses);
    }

    public HttpSettings withRedirects(boolean follow, int max) {
        return new HttpSettings(url, method, headers, body, basicUser, basicPassword, bearerToken, follow, max,
                verifyTls, allAddresses);
    }

    public HttpSettings withVerifyTls(boolean verify) {
        return new HttpSettings(url, method, headers, body, basicUser, basicPassword, bearerToken, followRedirects,
                maxRedirects, verify, allAddresses);
    }

    public HttpSettings withAllAddresses(boolean all) {
        return new HttpSettings(url, method, headers, body, basicUser, basicPassword, bearerToken, followRedirects,
                maxRedirects, verifyTls, all);
    }

    @Override
    public String toString() {
        // Credentials stay out of logs.
        return "HttpSettings[" + method + " " + url + ", headers=" + headers.keySet() + ", body="
                + (body == null ? "none" : body.length() + " chars") + ", auth="
                + (basicUser != null ? "basic" : bearerToken != null ? "bearer" : "none") + ", followRedirects="
                + followRedirects + ", maxRedirects=" + maxRedirects + ", verifyTls=" + verifyTls + ", allAddresses="
                + allAddresses + "]";
    }
}
