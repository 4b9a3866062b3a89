package dev.lookout.importer;

/**
 * An environment variable an imported file refers to as {@code ${NAME}}: a secret the importer
 * kept out of the file, or a reference the source already had.
 *
 * @param name   the variable's name
 * @param sample a value of the right form (a URL where a URL goes), used only to check the written
 *               file before the real values are set; never a value read from the source
 * @param origin where the real value is found, for the operator (e.g. "the password of Uptime
 *               Kuma monitor 'Admin'")
 */
public record Variable(String name, String sample, String origin) {
    @Override
    public String toString() {
        return "${" + name + "}";
    }
}
