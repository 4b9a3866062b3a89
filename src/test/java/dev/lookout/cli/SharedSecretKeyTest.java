package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Nodes sharing a database share the key that seals two-factor secrets: a node with another key does not start. */
class SharedSecretKeyTest {
    @TempDir
    Path dir;

    private Path config(String name, Path keyFile) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0", node_name: %s }
                storage: { url: "sqlite:%s", state_file: "%s" }
                accounts: { secret_key_file: "%s" }
                monitors: []
                """.formatted(name, dir.resolve("data/lookout.db"), dir.resolve(name + ".state"), keyFile));
        return file;
    }

    private static void startAndStop(Path config) throws Exception {
        CheckTypes types = CheckTypes.standard();
        new LookoutNode(types, new ConfigLoader(types, Map.of()).load(config)).start().close();
    }

    @Test
    void a_node_with_another_key_refuses_to_start_in_one_line_and_one_with_the_same_key_starts() throws Exception {
        Path key = dir.resolve("first.key");
        startAndStop(config("first", key)); // creates the key and stores its fingerprint
        Path sameKey = dir.resolve("copy.key");
        Files.copy(key, sameKey);
        startAndStop(config("second", sameKey));

        Path otherKey = dir.resolve("other.key");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("serve", "--config", config("third", otherKey).toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).as("one line, naming the file and what to do, no stack trace")
                .startsWith("lookout: cannot start: the secret key in " + otherKey + " is not the one")
                .contains("accounts.secret_key_file").doesNotContain("\n").doesNotContain("Exception");
        startAndStop(config("first", key)); // the first node still starts
    }
}
