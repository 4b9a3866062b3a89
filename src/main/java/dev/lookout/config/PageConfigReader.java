package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;
import static dev.lookout.config.ValueShape.choice;
import static dev.lookout.config.ValueShape.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code pages:}: the public status pages, each with its components, language, time zone, host or path. */
final class PageConfigReader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    /** A logo is an image for a header, not a download. */
    static final long MAX_LOGO_BYTES = 512 * 1024;
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "gif", "image/gif", "svg", "image/svg+xml", "webp", "image/webp", "ico", "image/x-icon");

    static final ValueShape.Mapping PAGE = mapping(
            required("id", TEXT, "Unique id of the page"),
            key("title", TEXT, PageConfig.DEFAULT_TITLE, "Title of the page"),
            key("description", TEXT, null, "Line under the title"),
            key("logo", TEXT, null, "An https:// URL or an image file under the configuration's directory"),
            key("components", TEXTS, null, "Component ids shown, in order (default: every component)"),
            key("timezone", TEXT, "UTC", "Time zone times are shown in (e.g. Europe/Paris)"),
            key("language", choice(PageConfig.LANGUAGES.toArray(String[]::new)), "en", "Language of the page"),
            key("host", TEXT, null, "Host name the page is served for"),
            key("path", TEXT, null, "Path prefix the page is served under (e.g. /internal)"));

    private final List<String> componentIds;
    private final Path directory;

    /** @param directory the configuration file's directory: logo files are read from it and below */
    PageConfigReader(List<ComponentConfig> components, Path directory) {
        this.componentIds = components.stream().map(ComponentConfig::id).toList();
        this.directory = directory;
    }

    List<PageConfig> read(ConfigNode node) {
        List<PageConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> places = new HashMap<>(); // "host path" -> the page id that claimed it
        for (ConfigNode p : node.elements()) {
            if (!p.isMapping()) {
                p.error("expected a page (a mapping with id, title, components, ...)");
                continue;
            }
            PageConfig page = page(p, ids);
            if (page == null) {
                continue;
            }
            String place = (page.host() == null ? "" : page.host()) + " " + page.path();
            String other = places.putIfAbsent(place, page.id());
            if (other != null) {
                if (page.host() != null) {
                    p.get("host").error("page '" + other + "' already has host '" + page.host() + "'"
                            + (page.path().isEmpty() ? "" : " and path '" + page.path() + "'"));
                } else if (!page.path().isEmpty()) {
                    p.get("path").error("page '" + other + "' already has path '" + page.path() + "'");
                } else {
                    p.error("page '" + other + "' already has neither host nor path: only one page can be the default page"
                            + " at / (give this one a host or a path)");
                }
                continue;
            }
            out.add(page);
        }
        return out;
    }

    private PageConfig page(ConfigNode node, Set<String> ids) {
        String id = node.requiredString("id").orElse(null);
        if (id != null && !ID.matcher(id).matches()) {
            node.get("id").error("'" + id + "' is not a valid id (letters, digits, '_', '-', '.'; at most 100)");
            id = null;
        } else if (id != null && !ids.add(id)) {
            node.get("id").error("duplicate page id '" + id + "'");
            id = null;
        }
        String title = node.string("title", PageConfig.DEFAULT_TITLE);
        String description = node.string("description", "");
        PageConfig.Logo logo = node.has("logo") ? logo(node.get("logo")) : null;
        List<String> components = components(node);
        ZoneId zone = zone(node);
        String language = node.string("language", "en");
        if (!PageConfig.LANGUAGES.contains(language)) {
            node.get("language").error("unknown language '" + language + "' (known: " + String.join(", ", PageConfig.LANGUAGES) + ")");
            language = null;
        }
        String host = host(node);
        String path = path(node);
        node.rejectUnknownKeys(PAGE.keys());
        if (id == null || components == null || zone == null || language == null || host == null || path == null
                || (node.has("logo") && logo == null)) {
            return null;
        }
        return new PageConfig(id, title, description, logo, components, zone, language, host.isEmpty() ? null : host, path);
    }

    /** The ids named, in order; null (with errors) when one is unknown. */
    private List<String> components(ConfigNode node) {
        if (!node.has("components")) {
            return List.of();
        }
        List<String> named = node.stringList("components");
        boolean ok = true;
        Set<String> seen = new LinkedHashSet<>();
        for (String id : named) {
            if (!componentIds.contains(id)) {
                node.get("components").error("no component with id '" + id + "' (declare it under components:)");
                ok = false;
            } else if (!seen.add(id)) {
                node.get("components").error("component '" + id + "' is named twice");
                ok = false;
            }
        }
        if (named.isEmpty()) {
            node.get("components").error("names no component (leave the key out to show every component)");
            ok = false;
        }
        return ok ? List.copyOf(seen) : null;
    }

    private static ZoneId zone(ConfigNode node) {
        String name = node.string("timezone", null);
        if (name == null) {
            return PageConfig.DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            node.get("timezone").error("unknown time zone '" + name + "' (use e.g. Europe/Paris or UTC)");
            return null;
        }
    }

    /** The host in lower case, "" for none, null (with an error) when invalid. */
    private static String host(ConfigNode node) {
        String host = node.string("host", null);
        if (host == null) {
            return "";
        }
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.contains(":") || lower.contains("/")) {
            node.get("host").error("'" + host + "' is not a host name: give the name alone, without scheme, port or path"
                    + " (the port of a request is ignored when matching)");
            return null;
        }
        if (!HOST.matcher(lower).matches()) {
            node.get("host").error("'" + host + "' is not a host name (letters, digits, '-' and dots)");
            return null;
        }
        return lower;
    }

    /** The path prefix, "" for none, null (with an error) when invalid. */
    private static String path(ConfigNode node) {
        String path = node.string("path", null);
        if (path == null) {
            return "";
        }
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/")) {
            node.get("path").error("'/' is the default page's place: leave path out instead");
            return null;
        }
        if (!PATH.matcher(trimmed).matches()) {
            node.get("path").error("'" + path + "' is not a path prefix: one segment after '/' of letters, digits, '_', '-'"
                    + " or '.' (e.g. /internal)");
            return null;
        }
        if (PageConfig.RESERVED_PATHS.contains(trimmed.substring(1))) {
            node.get("path").error("'" + trimmed + "' is used by Lookout's own routes (" + PageConfig.RESERVED_PATHS.stream().sorted()
                    .map(s -> "/" + s).collect(Collectors.joining(", ")) + "): choose another path");
            return null;
        }
        return trimmed;
    }

    /** An https URL, or a file under the configuration's directory; null (with an error) when neither. */
    private PageConfig.Logo logo(ConfigNode node) {
        String value = node.text().orElse(null);
        if (value == null || value.isBlank()) {
            node.error("must be an https:// URL or the path of an image file under the configuration's directory");
            return null;
        }
        if (value.startsWith("https://") || value.startsWith("http://")) {
            if (value.startsWith("http://")) {
                node.error("'" + value + "' is not https: browsers block an http image on an https page; use https:// or a file");
                return null;
            }
            return ConfigLoader.checkUrl(node, value) == null ? null : PageConfig.Logo.external(value);
        }
        Path file;
        try {
            file = directory.resolve(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            node.error("'" + value + "' is not a file path: " + e.getReason());
            return null;
        }
        if (!file.startsWith(directory.toAbsolutePath().normalize())) {
            node.error("'" + value + "' is outside the configuration's directory " + directory
                    + ": only files under it are served");
            return null;
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String type = IMAGE_TYPES.get(extension);
        if (type == null) {
            node.error("'" + value + "' is not an image file by its name (known: " + IMAGE_TYPES.keySet().stream().sorted()
                    .map(e -> "." + e).collect(Collectors.joining(", ")) + ")");
            return null;
        }
        try {
            if (!Files.isRegularFile(file)) {
                node.error("no file '" + file + "'");
                return null;
            }
            if (Files.size(file) > MAX_LOGO_BYTES) {
                node.error("'" + value + "' is " + Files.size(file) + " bytes; a logo may have at most " + MAX_LOGO_BYTES);
                return null;
            }
            return PageConfig.Logo.file(Files.readAllBytes(file), type);
        } catch (IOException e) {
            node.error("cannot read '" + file + "': " + e.getMessage());
            return null;
        }
    }
}
