package dev.lookout.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lookout_VERSION_amd64.deb} inspected with Debian's own tools, without installing it
 * ({@code .ci/package-test} installs it, as root): the control data, the file list with owners
 * and modes, the systemd unit through {@code systemd-analyze}, and the launcher it ships run on the
 * configuration it installs.
 */
class DebianPackageIT {
    @TempDir
    Path dir;

    private static String field(String info, String name) {
        Matcher m = Pattern.compile("(?m)^ " + name + ": (.*)$").matcher(info);
        assertThat(m.find()).as("%s in dpkg-deb --info:\n%s", name, info).isTrue();
        return m.group(1).trim();
    }

    @Test
    void names_itself_its_version_and_what_it_needs() throws Exception {
        String info = Distribution.tool(dir, "dpkg-deb", "--info", Distribution.deb().toString());

        assertThat(field(info, "Package")).isEqualTo("lookout");
        assertThat(field(info, "Version")).isEqualTo(Distribution.version().toLowerCase().replace('-', '~'));
        assertThat(field(info, "Architecture")).isEqualTo("amd64");
        assertThat(field(info, "Depends")).contains("libc6").contains("adduser").doesNotContain("openjdk");
        assertThat(info).contains("conffiles").contains("postinst").contains("prerm").contains("postrm");
        assertThat(Distribution.tool(dir, "dpkg-deb", "--field", Distribution.deb().toString(), "Package").trim()).isEqualTo("lookout");
    }

    @Test
    void marks_the_configuration_as_conffiles() throws Exception {
        Distribution.tool(dir, "dpkg-deb", "--control", Distribution.deb().toString(), dir.resolve("DEBIAN").toString());

        assertThat(Files.readAllLines(dir.resolve("DEBIAN/conffiles"))).containsExactlyInAnyOrder("/etc/lookout/lookout.yaml",
                "/etc/default/lookout");
        assertThat(Files.readString(dir.resolve("DEBIAN/postinst"))).contains("adduser --system").contains("/var/lib/lookout");
        assertThat(Files.readString(dir.resolve("DEBIAN/postrm"))).as("data stays, even on purge").doesNotContainPattern("(?m)^[^#]*\\brm\\b");
    }

    @Test
    void installs_the_runtime_the_command_the_config_and_the_unit_owned_by_root() throws Exception {
        String contents = Distribution.tool(dir, "dpkg-deb", "--contents", Distribution.deb().toString());

        assertThat(contents).containsPattern("(?m)^l\\S+ root/root .* \\./usr/bin/lookout -> /usr/lib/lookout/bin/lookout$")
                .containsPattern("(?m)^-rwxr-xr-x root/root .* \\./usr/lib/lookout/bin/lookout$")
                .containsPattern("(?m)^-rwxr-xr-x root/root .* \\./usr/lib/lookout/runtime/bin/java$")
                .containsPattern("(?m)^-rwxr-xr-x root/root .* \\./usr/lib/lookout/runtime/lib/jspawnhelper$")
                .containsPattern("(?m)^-rw-r--r-- root/root .* \\./usr/lib/lookout/lib/lookout.jar$")
                .containsPattern("(?m)^-rw-r----- root/root .* \\./etc/lookout/lookout.yaml$")
                .containsPattern("(?m)^-rw------- root/root .* \\./etc/default/lookout$")
                .containsPattern("(?m)^-rw-r--r-- root/root .* \\./lib/systemd/system/lookout.service$");
        assertThat(contents).as("the data directory is made by postinst, so that dpkg -r never removes it")
                .doesNotContain("./var/lib/lookout");
    }

    @Test
    void ships_a_hardened_unit_that_reloads_on_sighup() throws Exception {
        Distribution.tool(dir, "dpkg-deb", "--extract", Distribution.deb().toString(), dir.resolve("root").toString());
        List<String> unit = Files.readAllLines(dir.resolve("root/lib/systemd/system/lookout.service"));

        assertThat(unit).contains("User=lookout", "StateDirectory=lookout", "ProtectSystem=strict", "ProtectHome=yes",
                "NoNewPrivileges=yes", "PrivateTmp=yes", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID",
                "ExecStart=/usr/bin/lookout serve --config /etc/lookout/lookout.yaml", "WantedBy=multi-user.target");
    }

    @Test
    void its_unit_passes_systemd_analyze_verify() throws Exception {
        Distribution.tool(dir, "dpkg-deb", "--extract", Distribution.deb().toString(), dir.resolve("root").toString());
        // verify checks that ExecStart's program exists; /usr/bin/lookout is not installed here, so a
        // copy of the unit points at the extracted launcher (.ci/package-test verifies the installed unit).
        String unit = Files.readString(dir.resolve("root/lib/systemd/system/lookout.service"))
                .replace("/usr/bin/lookout", dir.resolve("root/usr/lib/lookout/bin/lookout").toString());
        Path copy = Files.writeString(Files.createDirectory(dir.resolve("unit")).resolve("lookout.service"), unit);

        String verify = Distribution.tool(dir, "systemd-analyze", "verify", copy.toString());
        assertThat(verify).as("systemd-analyze warns of unknown keys and bad values on its output, exit 0").isEmpty();

        String security = Distribution.tool(dir, "systemd-analyze", "security", "--offline=true", copy.toString());
        Matcher level = Pattern.compile("Overall exposure level for lookout.service: (\\d+\\.\\d)").matcher(security);
        assertThat(level.find()).as(security).isTrue();
        assertThat(Double.parseDouble(level.group(1))).as("exposure (0 = locked down, 10 = unprotected; 1.7 when written):\n%s",
                security).isLessThanOrEqualTo(2.0);
    }

    @Test
    void its_launcher_validates_the_configuration_it_installs() throws Exception {
        Distribution.tool(dir, "dpkg-deb", "--extract", Distribution.deb().toString(), dir.resolve("root").toString());

        Distribution.Result validate = Distribution.run(List.of(dir.resolve("root/usr/lib/lookout/bin/lookout").toString(), "validate",
                dir.resolve("root/etc/lookout/lookout.yaml").toString()), Map.of("PATH", "/usr/bin:/bin"), dir);

        assertThat(validate.exit()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("valid (1 monitors, 1 components)");
    }
}
