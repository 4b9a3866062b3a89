package dev.lookout.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A real JSON Schema validator (networknt, draft 2020-12) holding YAML documents to a schema. */
public final class SchemaValidation {
    private static final YAMLMapper YAML = new YAMLMapper();
    private final Schema schema;

    /** @param schemaText the schema as JSON text (what {@code lookout schema} prints) */
    public SchemaValidation(String schemaText) {
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaText);
    }

    /** What the validator finds wrong with the YAML document, one line each; empty when it is valid. */
    public List<String> errors(String yaml) {
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schema.validate(document).stream().map(Error::toString).toList();
    }
}
