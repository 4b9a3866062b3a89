package dev.lookout.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a new password comes from: {@code --password-file}, else a prompt on the terminal (twice),
 * else the first line of standard input. Never an option's value: that would be in the shell
 * history and in {@code ps} for everyone on the machine.
 */
final class PasswordInput {

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (default: prompt, or the first line of standard input).")
    Path file;

    String read(Main main) throws AccountsDatabase.Refused {
        if (file != null) {
            try {
                return firstLine(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AccountsDatabase.Refused("cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        Console console = System.console();
        if (main.stdin() == System.in && console != null && isTerminal(console)) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                throw new AccountsDatabase.Refused("the two passwords differ; nothing was changed");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(main.stdin(), StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new AccountsDatabase.Refused("no password: give --password-file FILE, or the password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new AccountsDatabase.Refused("cannot read the password from standard input: " + e.getMessage());
        }
    }

    /** Console.isTerminal() is JDK 22's: from 22 on, System.console() is not null when input is a pipe. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
