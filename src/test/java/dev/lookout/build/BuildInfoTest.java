package dev.lookout.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    private static Properties properties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    @Test
    void the_running_build_knows_the_version_maven_gave_it() {
        BuildInfo current = BuildInfo.current();

        assertThat(current.version()).isEqualTo(System.getProperty("lookout.expected.version"));
        assertThat(current.built()).get().asString().matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(current.describe()).startsWith("lookout " + current.version() + " (");
    }

    @Test
    void the_running_build_names_a_commit_of_this_work_tree_or_none_without_git() throws Exception {
        if (!Files.exists(Path.of(".git"))) { // a source tarball: the build went on without a commit
            assertThat(BuildInfo.current().commit()).isEmpty();
            return;
        }
        // This work tree's HEAD and every commit it pointed to before (its reflog): a commit made
        // while the tests ran does not fail them, another worktree's HEAD does.
        Process git = new ProcessBuilder("git", "log", "--walk-reflogs", "--format=%H", "HEAD").redirectErrorStream(true).start();
        String answer = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(git.waitFor()).as(answer).isZero();

        String built = BuildInfo.current().commit().orElseThrow().replace("-dirty", "");
        assertThat(answer.lines()).as("this work tree's HEAD now and before").anyMatch(c -> c.startsWith(built));
    }

    @Test
    void describes_version_commit_and_day() {
        BuildInfo info = BuildInfo.from(properties("version", "0.1.0", "commit", "abc1234", "dirty", "false", "built", "2026-12-07"));

        assertThat(info.describe()).isEqualTo("lookout 0.1.0 (commit abc1234, built 2026-12-07)");
    }

    @Test
    void marks_a_commit_built_from_a_changed_work_tree() {
        BuildInfo info = BuildInfo.from(properties("version", "0.1.0", "commit", "abc1234", "dirty", "true", "built", "2026-12-07"));

        assertThat(info.describe()).isEqualTo("lookout 0.1.0 (commit abc1234-dirty, built 2026-12-07)");
    }

    @Test
    void leaves_out_the_commit_when_the_build_had_no_git() {
        BuildInfo info = BuildInfo.from(properties("version", "0.1.0", "commit", "", "dirty", "false", "built", "2026-12-07"));

        assertThat(info.describe()).isEqualTo("lookout 0.1.0 (built 2026-12-07)");
    }

    @Test
    void says_dev_when_nothing_was_filtered() {
        BuildInfo info = BuildInfo.from(properties("version", "${project.version}", "commit", "${lookout.commit}",
                "built", "${lookout.build.date}"));

        assertThat(info.describe()).isEqualTo("lookout dev");
    }
}
