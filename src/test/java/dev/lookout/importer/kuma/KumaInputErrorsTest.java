package dev.lookout.importer.kuma;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.importer.ImportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not Kuma's is refused with one line naming it and what it is instead. */
class KumaInputErrorsTest {
    @TempDir
    Path dir;

    @Test
    void a_missing_file_is_named() {
        Path file = dir.resolve("kuma.db");
        assertThatThrownBy(() -> KumaImport.read(file)).isInstanceOf(ImportException.class).hasMessage(file + ": no such file");
    }

    @Test
    void text_that_is_not_json_is_refused_with_its_line_and_column() throws Exception {
        Path file = Files.writeString(dir.resolve("backup.json"), "{\n  \"version\": \"1.23.16\",\n  monitorList: []\n}\n");
        assertThatThrownBy(() -> KumaImport.read(file)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(file + ":3:3: neither an Uptime Kuma database nor a JSON backup (");
    }

    @Test
    void json_without_a_monitor_list_is_not_a_backup() throws Exception {
        Path file = Files.writeString(dir.resolve("export.json"), "{\"version\": \"1.23.16\", \"monitors\": []}");
        assertThatThrownBy(() -> KumaImport.read(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": JSON, but not an Uptime Kuma backup (it has no monitorList array)");
    }

    @Test
    void another_sqlite_database_is_not_kumas() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            db.createStatement().execute("CREATE TABLE result (id INTEGER PRIMARY KEY)");
        }
        assertThatThrownBy(() -> KumaImport.read(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": an SQLite database, but not Uptime Kuma's (it has no monitor table)");
    }
}
