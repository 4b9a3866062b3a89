package dev.lookout.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What this build is: its version, the git commit it was built from and the day, as Maven wrote
 * them into {@code build.properties} at build time. Nothing here runs git: a runtime image, a
 * Debian package or a build from a source tarball without {@code .git} answers the same way,
 * only without a commit.
 *
 * @param version the project version, {@code dev} when the classes were not built by Maven
 * @param commit the abbreviated commit id, with {@code -dirty} when tracked files had uncommitted changes
 * @param built the build date (UTC, {@code yyyy-MM-dd})
 */
public record BuildInfo(String version, Optional<String> commit, Optional<String> built) {
    private static final String RESOURCE = "build.properties";
    private static final BuildInfo CURRENT = load();

    /** The build of the classes running now. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** One line for {@code --version}: {@code lookout 0.1.0 (commit abc1234, built 2026-12-07)}. */
    public String describe() {
        List<String> details = new ArrayList<>();
        commit.ifPresent(c -> details.add("commit " + c));
        built.ifPresent(b -> details.add("built " + b));
        return "lookout " + version + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
    }

    static BuildInfo from(Properties properties) {
        String version = known(properties.getProperty("version")).orElse("dev");
        Optional<String> commit = known(properties.getProperty("commit"))
                .map(c -> "true".equals(properties.getProperty("dirty")) ? c + "-dirty" : c);
        return new BuildInfo(version, commit, known(properties.getProperty("built")));
    }

    private static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the Lookout jar", e);
        }
        return from(properties);
    }

    /** A value Maven did not fill in (no git, classes compiled by an IDE) stays {@code ${...}} or is empty. */
    private static Optional<String> known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? Optional.empty() : Optional.of(value.trim());
    }
}
