package dev.lookout.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the public site that a plain web server can host while Lookout itself is down: the
 * status page, its history and every incident and maintenance page it links to, the
 * Statuspage-compatible {@code /api/v2} documents and the feeds. It is taken the way a reader
 * sees it, over HTTP from a running Lookout, so that the copy is exactly what was served.
 *
 * <p>Layout: a path without an extension becomes {@code path/index.html} ({@code /} is
 * {@code index.html}); documents keep their name ({@code api/v2/summary.json}). Links with a query
 * ({@code /history?page=2}) become paths ({@code /history/page/2/}), in the files and in the links
 * to them, because a static server ignores queries. A directory is replaced as a whole, never
 * left half-written: the new copy is written beside it and swapped in with two renames.
 */
public final class StaticSite {
    /** Fetched even when no page links to them. */
    public static final List<String> ENTRY_POINTS;

    static {
        List<String> entries = new ArrayList<>(List.of("/", "/history"));
        StatuspageDocuments.PATHS.forEach(p -> entries.add("/api/v2/" + p));
        Feeds.NAMES.forEach(n -> entries.add("/feeds/" + n));
        ENTRY_POINTS = List.copyOf(entries);
    }

    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)(#[^\"]*)?\"");
    private static final Pattern SAFE_QUERY = Pattern.compile("[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+(&[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+)*");
    private static final int MAX_FILES = 20_000;

    private final HttpClient client;
    private final URI base;
    private final Duration timeout;

    /** What one export wrote, and which links did not answer 200. */
    public record Export(Map<String, byte[]> files, List<String> failures) {
        public long bytes() {
            return files.values().stream().mapToLong(b -> b.length).sum();
        }
    }

    private final List<String> entryPoints;

    /**
     * The site of the Lookout this configuration describes, reached over loopback when it listens on
     * every address, with the entry points of its pages under a path prefix.
     *
     * @param port the port it listens on (the configured one, or the one a port 0 was given)
     */
    public static StaticSite of(dev.lookout.config.LookoutConfig config, int port, Duration timeout) {
        String host = config.server().host();
        host = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        List<String> prefixes = config.pages().stream().filter(p -> p.host() == null && p.path() != null)
                .map(dev.lookout.config.PageConfig::path).toList();
        return new StaticSite(URI.create("http://" + host + ":" + port), timeout, prefixes);
    }

    /** @param base the running Lookout, e.g. {@code http://127.0.0.1:8080} */
    public StaticSite(URI base, Duration timeout) {
        this(base, timeout, List.of());
    }

    /**
     * @param prefixes path prefixes of further pages ({@code pages[].path}, e.g. {@code /internal}) whose entry
     *                 points are copied too, since the default page does not link to them
     */
    public StaticSite(URI base, Duration timeout, List<String> prefixes) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.timeout = timeout;
        List<String> entries = new ArrayList<>(ENTRY_POINTS);
        for (String prefix : prefixes) {
            String p = prefix.replaceAll("/+$", "");
            ENTRY_POINTS.forEach(e -> entries.add(e.equals("/") ? p : p + e));
        }
        this.entryPoints = List.copyOf(entries);
    }

    /** The running Lookout it copies. */
    public URI base() {
        return base;
    }

    /**
     * Fetches every entry point and every same-site page they link to. Throws when the status page
     * itself cannot be fetched (then there is nothing worth writing).
     */
    public Export crawl() throws IOException, InterruptedException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(entryPoints);
        Deque<String> todo = new ArrayDeque<>(entryPoints);
        while (!todo.isEmpty() && files.size() < MAX_FILES) {
            String link = todo.pop();
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base + link)).timeout(timeout)
                    .header("User-Agent", "Lookout static export").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                if (link.equals("/")) {
                    throw new IOException("the status page answered HTTP " + response.statusCode());
                }
                failures.add(link + ": HTTP " + response.statusCode());
                continue;
            }
            byte[] body = response.body();
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                String html = new String(body, StandardCharsets.UTF_8);
                Matcher m = HREF.matcher(html);
                while (m.find()) {
                    String target = m.group(1).replace("&amp;", "&");
                    if (!target.startsWith("//") && staticPath(target) != null && seen.add(target)) {
                        todo.add(target);
                    }
                }
                body = rewriteLinks(html).getBytes(StandardCharsets.UTF_8);
            }
            String file = fileFor(link);
            if (file != null) {
                files.put(file, body);
            }
        }
        return new Export(files, failures);
    }

    /** Writes the export into {@code dir}, replacing what was there. */
    public static void write(Export export, Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // Not createTempDirectory: its 0700 would keep the web server (another user) out of the copy.
        Path fresh = Files.createDirectory(parent.resolve(target.getFileName() + ".new-" + System.nanoTime()));
        try {
            for (Map.Entry<String, byte[]> file : export.files().entrySet()) {
                Path path = fresh.resolve(file.getKey()).normalize();
                if (!path.startsWith(fresh)) {
                    throw new IOException("refusing to write outside the export: " + file.getKey());
                }
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            Path old = null;
            if (Files.exists(target)) {
                old = parent.resolve(target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                delete(old);
            }
        } catch (IOException | RuntimeException e) {
            delete(fresh);
            throw e;
        }
    }

    /** The link as a path a static server can answer, or null when it cannot be one. */
    static String staticPath(String link) {
        int q = link.indexOf('?');
        String path = q < 0 ? link : link.substring(0, q);
        if (q < 0) {
            return path;
        }
        String query = link.substring(q + 1);
        if (!SAFE_QUERY.matcher(query).matches()) {
            return null;
        }
        return (path.endsWith("/") ? path : path + "/") + query.replace('=', '/').replace('&', '/') + "/";
    }

    /** The file a link is written to, relative to the export directory. */
    public static String fileFor(String link) {
        String path = staticPath(link);
        if (path == null || path.contains("..")) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return path.substring(1);
        }
        return (path.endsWith("/") ? path : path + "/").substring(1) + "index.html";
    }

    private static String rewriteLinks(String html) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String link = m.group(1).replace("&amp;", "&");
            String fragment = m.group(2) == null ? "" : m.group(2);
            String path = link.contains("?") ? staticPath(link) : null;
            m.appendReplacement(out, Matcher.quoteReplacement(path == null ? m.group() : "href=\"" + path + fragment + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
