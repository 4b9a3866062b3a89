package dev.lookout.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
    void the_running_build_names_the_commit_of_this_work_tree() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(git.waitFor()).as("git rev-parse in %s: %s", System.getProperty("user.dir"), head).isZero();

        assertThat(BuildInfo.current().commit()).get().asString().startsWith(head);
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
