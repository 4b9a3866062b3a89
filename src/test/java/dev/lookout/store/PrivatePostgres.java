package dev.lookout.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, made with {@code initdb} and run with {@code pg_ctl} on a
 * free port, for the tests that must stop, kill, freeze or wipe the database under Lookout (the
 * shared server on 5432 is for everything else). Runs as the {@code postgres} user, as initdb
 * refuses root. Every command has a timeout; {@link #close()} (and a shutdown hook, should the
 * test JVM die first) stops the server and deletes its files.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String DATABASE = "lookout";
    private static final long COMMAND_SECONDS = 60;

    private final Path home;
    private final Path data;
    private final int port;
    private final Thread cleanup;

    private PrivatePostgres(Path home, int port) {
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
        this.cleanup = new Thread(this::stopQuietly, "private-postgres-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** A new cluster with a database {@code lookout}, started. Fails loudly, with the server's log, when it cannot. */
    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("lookout-pg-");
        run(List.of("chown", "-R", "postgres:postgres", home.toString()));
        PrivatePostgres pg = new PrivatePostgres(home, freePort());
        try {
            pg.asPostgres(BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-sync");
            Files.writeString(pg.data.resolve("postgresql.conf"), """

                    listen_addresses = '127.0.0.1'
                    port = %d
                    unix_socket_directories = '%s'
                    fsync = off
                    synchronous_commit = off
                    full_page_writes = off
                    shared_buffers = 16MB
                    max_connections = 40
                    """.formatted(pg.port, home), java.nio.file.StandardOpenOption.APPEND);
            pg.startServer();
            pg.psql("postgres", "CREATE DATABASE " + DATABASE);
            return pg;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The store URL of database {@code lookout}, for {@link Stores#open}. */
    public String storeUrl() {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + DATABASE;
    }

    /** A JDBC URL of database {@code lookout} (user postgres, no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Starts the stopped server again, on the same port with the same data. */
    public void startServer() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("server.log").toString(),
                "-w", "-t", "30", "start");
    }

    /** A fast shutdown: connections are cut, the server is gone until {@link #startServer()}. */
    public void stop() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
    }

    /** Freezes the server and all its processes (SIGSTOP): it accepts TCP connections and never answers. */
    public void pause() throws IOException, InterruptedException {
        signalAll("STOP");
    }

    /** Lets a paused server go on (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signalAll("CONT");
    }

    /** Runs SQL as the superuser in database {@code lookout} (psql, stops at the first error). */
    public String sql(String statements) throws IOException, InterruptedException {
        return psql(DATABASE, statements);
    }

    /** The database "came back empty": dropped (its connections cut) and created again. */
    public void wipe() throws IOException, InterruptedException {
        psql("postgres", "DROP DATABASE " + DATABASE + " WITH (FORCE)");
        psql("postgres", "CREATE DATABASE " + DATABASE);
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran
        }
    }

    private void stopQuietly() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                signalAll("CONT"); // a paused server cannot shut down
                asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // best effort: the directory goes anyway
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a test for
        }
    }

    private void signalAll(String signal) throws IOException, InterruptedException {
        String pid = Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip();
        List<String> pids = new ArrayList<>(List.of(pid));
        String children = run(List.of("pgrep", "-P", pid), true);
        children.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(pids::add);
        run(List.of("kill", "-" + signal, pid)); // the postmaster must get it
        for (String child : pids.subList(1, pids.size())) {
            run(List.of("kill", "-" + signal, child), true); // a backend that ended since pgrep is gone: fine
        }
    }

    private String psql(String database, String statements) throws IOException, InterruptedException {
        return asPostgres(BIN.resolve("psql").toString(), "-h", home.toString(), "-p", String.valueOf(port), "-U", "postgres",
                "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-X", "-c", statements);
    }

    private String asPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        try {
            return run(full);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\nserver log:\n" + logTail(), e);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, false);
    }

    /** Runs a command with a timeout; its output, or an IOException with it. */
    private static String run(List<String> command, boolean mayFail) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 && !mayFail) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "; the storage fault"
                    + " tests need root, the postgres user and PostgreSQL 15 in " + BIN + "): " + output.strip());
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
