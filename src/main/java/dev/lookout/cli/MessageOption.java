package dev.lookout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The Markdown text of an update: {@code --message TEXT}, or {@code --message-file FILE} ({@code -} for standard input). */
final class MessageOption {
    @Option(names = {"-m", "--message"}, paramLabel = "MARKDOWN", description = "The text users see, in Markdown.")
    String text;

    @Option(names = "--message-file", paramLabel = "FILE", description = "Read the Markdown text from FILE; '-' reads standard input.")
    String file;

    /** The text, or null when neither option is given (an {@code @ArgGroup} may be optional). */
    static String read(MessageOption option, InputStream stdin) throws AdminCommand.BadInput {
        if (option == null) {
            return null;
        }
        if (option.text != null) {
            return option.text;
        }
        try {
            return "-".equals(option.file) ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(option.file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AdminCommand.BadInput("cannot read --message-file " + option.file + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }
}
