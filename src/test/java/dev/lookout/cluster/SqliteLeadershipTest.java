package dev.lookout.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The leadership contract on SQLite files (one machine; the nodes are processes sharing the file). */
class SqliteLeadershipTest extends LeadershipContract {
    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return "sqlite:" + dir.resolve(UUID.randomUUID() + ".db");
    }

    @Override
    Connection connect(String url) throws Exception {
        return DriverManager.getConnection("jdbc:" + url);
    }

    @Override
    void lockLeaseTable(Connection connection) throws Exception {
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            // SQLite locks the whole database: a write now makes this transaction the only writer
            sql.executeUpdate("UPDATE cluster_leader SET lease = lease");
        }
    }
}
