package dev.lookout.importer;

/**
 * Text already in Lookout's syntax (it contains {@code ${VAR}} references the source had), written
 * as is; every other string is escaped so that a literal {@code ${} stays literal.
 */
public record Verbatim(String text) {
}
