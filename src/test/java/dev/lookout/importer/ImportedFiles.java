package dev.lookout.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** For the importers' tests: the fixtures, and the written file read back as Lookout and as plain YAML. */
public final class ImportedFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ImportedFiles() {
    }

    /** A file under src/test/resources. */
    public static Path resource(String name) {
        try {
            return Path.of(ImportedFiles.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test resource " + name, e);
        }
    }

    /** The environment a user would set: every variable the file refers to, with a value of the right form. */
    public static Map<String, String> environment(Imported imported) {
        return imported.variables().stream().collect(Collectors.toMap(Variable::name, Variable::sample));
    }

    /**
     * Loads the written file as {@code lookout validate} does (same loader, check types and channel
     * registry); throws {@link ConfigException} listing every error.
     */
    public static LookoutConfig load(Imported imported, Path dir) throws ConfigException {
        try {
            Path file = dir.resolve("lookout.yaml");
            Files.writeString(file, imported.yaml());
            return new ConfigLoader(CheckTypes.standard(), Channels.standard(), environment(imported)).load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(Imported imported) {
        try {
            return YAML.readTree(imported.yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry with this id in a top-level list ({@code monitors}, {@code channels}, …), or a missing node. */
    public static JsonNode entry(JsonNode tree, String list, String id) {
        for (JsonNode item : tree.path(list)) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
