package dev.lookout.status;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a static copy of the public site in a directory ({@code server.export_dir}) for a plain
 * web server to host when Lookout is down: each pass (a job of every node, every
 * {@code server.export_every}: the directory is the node's own) takes the site again over
 * loopback and replaces the copy only when something in it changed.
 */
public final class StaticExporter {
    private static final Logger log = LoggerFactory.getLogger(StaticExporter.class);

    private final StaticSite site;
    private final Path dir;
    private byte[] lastDigest;

    public StaticExporter(StaticSite site, Path dir) {
        this.site = site;
        this.dir = dir;
    }

    /** One pass; returns whether the copy was rewritten. */
    public synchronized boolean exportIfChanged() {
        try {
            StaticSite.Export export = site.crawl();
            byte[] digest = digest(export.files());
            if (Arrays.equals(digest, lastDigest)) {
                return false;
            }
            StaticSite.write(export, dir);
            lastDigest = digest;
            log.info("static export: {} files ({} KB) written to {}{}", export.files().size(), export.bytes() / 1024, dir,
                    export.failures().isEmpty() ? "" : "; not copied: " + export.failures());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("static export to {} failed, the previous copy stays: {}", dir,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return false;
        }
    }

    private static byte[] digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, body) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(body);
            });
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
