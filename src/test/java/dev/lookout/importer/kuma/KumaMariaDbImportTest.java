package dev.lookout.importer.kuma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.config.LookoutConfig;
import dev.lookout.importer.ImportException;
import dev.lookout.importer.Imported;
import dev.lookout.importer.ImportedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kuma 2 on MariaDB: {@code kuma-fixture-a.db}'s rows in Kuma's own MariaDB schema (made by its knex
 * migrations) import to the same configuration as the SQLite file itself.
 */
class KumaMariaDbImportTest {
    private KumaOnMariaDb kuma;

    @TempDir
    Path dir;

    @BeforeEach
    void copyTheFixtureToMariaDb() throws Exception {
        kuma = new KumaOnMariaDb(KumaDatabaseImportTest.FIXTURE);
    }

    @AfterEach
    void dropTheDatabase() throws Exception {
        kuma.close();
    }

    @Test
    void writes_the_same_configuration_as_the_sqlite_database_with_the_same_content() throws Exception {
        Imported fromFile = KumaImport.read(KumaDatabaseImportTest.FIXTURE);
        Imported fromMariaDb = KumaImport.readMariaDb("mariadb://root@127.0.0.1:3306/" + kuma.database() + "?sslmode=disable", null);

        assertThat(withoutSource(fromMariaDb.yaml())).isEqualTo(withoutSource(fromFile.yaml()));
        assertThat(fromMariaDb.yaml()).contains("# Imported by `lookout import kuma` from mariadb://root@127.0.0.1:3306/"
                + kuma.database() + ", Uptime Kuma database (database version 10).");
        assertThat(fromMariaDb.notCarried()).isEqualTo(fromFile.notCarried());
        LookoutConfig config = ImportedFiles.load(fromMariaDb, dir);
        assertThat(config.monitors()).hasSize(23);
        assertThat(config.maintenance()).hasSize(1);
    }

    @Test
    void a_database_without_kuma_tables_is_refused() throws Exception {
        try (var db = kuma.connect()) {
            db.createStatement().execute("SET FOREIGN_KEY_CHECKS = 0");
            db.createStatement().execute("DROP TABLE monitor");
        }

        assertThatThrownBy(() -> KumaImport.readMariaDb("mariadb://root@127.0.0.1:3306/" + kuma.database() + "?sslmode=disable", null))
                .isInstanceOf(ImportException.class)
                .hasMessage("mariadb://root@127.0.0.1:3306/" + kuma.database()
                        + ": a MariaDB database, but not Uptime Kuma's (it has no monitor table)");
    }

    @Test
    void a_wrong_password_is_refused_and_never_shown() {
        assertThatThrownBy(() -> KumaImport.readMariaDb("mariadb://root@127.0.0.1:3306/" + kuma.database() + "?sslmode=disable",
                "s3cret-pass"))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("mariadb://root@127.0.0.1:3306/" + kuma.database() + ": cannot read the Uptime Kuma database: ")
                .hasMessageContaining("Access denied")
                .hasMessageNotContaining("s3cret-pass");
    }

    @Test
    void a_url_without_a_database_is_refused_without_echoing_the_password() {
        assertThatThrownBy(() -> KumaImport.readMariaDb("mariadb://kuma:s3cret-pass@127.0.0.1:3306/", null))
                .isInstanceOf(ImportException.class)
                .hasMessage("'mariadb://kuma:***@127.0.0.1:3306/' does not name a MariaDB user, host and database"
                        + " (use mariadb://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable])");
    }

    @Test
    void a_server_that_does_not_answer_is_unreachable() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        String url = "mariadb://kuma@127.0.0.1:" + port + "/kuma?sslmode=disable";

        assertThatThrownBy(() -> KumaImport.readMariaDb(url, "s3cret-pass"))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.unreachable()).isTrue())
                .hasMessageStartingWith("mariadb://kuma@127.0.0.1:" + port + "/kuma: cannot read the Uptime Kuma database: ")
                .hasMessageNotContaining("s3cret-pass");
    }

    /** The file's first line names where it was imported from; everything else must be the same. */
    private static String withoutSource(String yaml) {
        return yaml.lines().filter(line -> !line.startsWith("# Imported by `lookout import kuma` from "))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
