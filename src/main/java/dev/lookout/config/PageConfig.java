package dev.lookout.config;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One public status page of {@code pages:}: what it shows (its components, and the incidents and
 * maintenances that touch them), how (title, description, logo, language, time zone) and where
 * (a host name, a path prefix, or the default page at {@code /}).
 *
 * @param components the component ids shown, in page order; empty means every component (and
 *                   then every incident and maintenance, with or without components)
 * @param language   {@code en}, {@code fr} or {@code de} ({@link #LANGUAGES})
 * @param host       the host name that selects this page (lower case, no port), or null
 * @param path       the path prefix that selects this page ({@code /internal}: one segment), or
 *                   {@code ""} for none
 * @param logo       the logo shown in the header, or null
 */
public record PageConfig(String id, String title, String description, Logo logo, List<String> components, ZoneId timezone,
                         String language, String host, String path) {
    /** The languages a page may have; each has a complete message bundle. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "de");
    /** The title of the one page a configuration without {@code pages:} has. */
    public static final String DEFAULT_TITLE = "Lookout status";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Etc/UTC");
    /**
     * First path segments that Lookout's own routes use: a page's {@code path} there would be
     * shadowed by them. {@code PagesTest} checks the list against the routes.
     */
    public static final Set<String> RESERVED_PATHS = Set.of("api", "feeds", "history", "incidents", "maintenances", "badge",
            "ping", "healthz", "readyz", "metrics", "pages", "alerts", "components", "subscribe", "unsubscribe", "favicon.svg",
            "favicon.ico");

    public PageConfig {
        components = List.copyOf(components);
        path = path == null ? "" : path;
    }

    /** The page of a configuration without {@code pages:}: every component, in English, in UTC, at {@code /}. */
    public static PageConfig standard(String title) {
        return new PageConfig("lookout", title, "", null, List.of(), DEFAULT_ZONE, "en", null, "");
    }

    /** Whether the page shows only some components (and only the incidents and maintenances that name one of them). */
    public boolean filtered() {
        return !components.isEmpty();
    }

    /** The locale of the page's language. */
    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    /**
     * The page's logo: either an {@code https://} URL the browser loads, or the bytes of a file
     * under the configuration's directory, read when the configuration is loaded and served by
     * Lookout at {@code /pages/{id}/logo}.
     *
     * @param url         the external URL, or null for a file
     * @param bytes       the file's content, or null for a URL
     * @param contentType the file's media type, from its extension
     */
    public record Logo(String url, byte[] bytes, String contentType) {
        public static Logo external(String url) {
            return new Logo(url, null, null);
        }

        public static Logo file(byte[] bytes, String contentType) {
            return new Logo(null, bytes.clone(), contentType);
        }

        @Override
        public byte[] bytes() {
            return bytes == null ? null : bytes.clone();
        }

        /** The file's bytes without a copy, for serving. */
        public byte[] content() {
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Logo other && java.util.Objects.equals(url, other.url) && Arrays.equals(bytes, other.bytes)
                    && java.util.Objects.equals(contentType, other.contentType);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(url, Arrays.hashCode(bytes), contentType);
        }

        @Override
        public String toString() {
            return url != null ? "Logo[" + url + "]" : "Logo[" + bytes.length + " bytes, " + contentType + "]";
        }
    }
}
