package dev.lookout.cluster;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The membership contract on SQLite files (one machine; the nodes are processes sharing the file). */
class SqliteMembershipTest extends MembershipContract {
    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return "sqlite:" + dir.resolve(UUID.randomUUID() + ".db");
    }
}
