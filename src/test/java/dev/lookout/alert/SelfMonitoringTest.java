package dev.lookout.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.config.AlertingConfig.DeadMansSwitchConfig;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbound dead man's switch against a real local HTTP server, and alerts about Lookout's own scheduler. */
class SelfMonitoringTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void the_switch_beats_while_healthy_and_goes_silent_while_not() throws Exception {
        List<String> agents = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ping/abc", exchange -> {
            agents.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        toClose.add(() -> server.stop(0));
        AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
        DeadMansSwitch beats = new DeadMansSwitch(new DeadMansSwitchConfig(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping/abc"), Duration.ofSeconds(1),
                Duration.ofSeconds(2)), problem::get, "node-1").start();
        toClose.add(beats);

        await().atMost(Duration.ofSeconds(10)).until(() -> beats.sent() >= 2);
        assertThat(agents.getFirst()).isEqualTo("GET Lookout dead man's switch (node-1)");
        assertThat(beats.failed()).isZero();

        problem.set(Optional.of("schedule lag p99 9000 ms"));
        await().atMost(Duration.ofSeconds(10)).until(() -> beats.withheld() >= 1);
        int before = agents.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> beats.withheld() >= 3);
        assertThat(agents).as("no sign of life while unhealthy").hasSize(before);

        problem.set(Optional.empty());
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.size() > before);
    }

    @Test
    void a_receiver_that_never_answers_costs_one_timeout_per_beat_and_never_stops_the_beats() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // read nothing, answer nothing
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
        toClose.add(() -> {
            silent.close();
            acceptor.join();
            for (Socket s : accepted) {
                s.close();
            }
        });
        DeadMansSwitch beats = new DeadMansSwitch(new DeadMansSwitchConfig(
                URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), Duration.ofSeconds(1), Duration.ofMillis(300)),
                Optional::empty, "node-1").start();
        toClose.add(beats);
        await().atMost(Duration.ofSeconds(10)).until(() -> beats.failed() >= 3);
        assertThat(beats.sent()).isZero();
        assertThat(accepted.size()).as("each beat tried again").isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_lagging_scheduler_is_said_once_on_the_system_channels_and_its_end_once() throws Exception {
        AlertFixture f = new AlertFixture(dir, """
                monitors: [ { id: api, type: tcp, host: 127.0.0.1, port: 1 } ]
                channels: [ { id: ops, type: test }, { id: hook, type: test } ]
                alerting:
                  routes: [ { channels: [ops] }, { channels: [hook], action: true } ]
                """);
        toClose.add(f);
        AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
        SelfMonitor self = new SelfMonitor(problem::get, f.engine(), f.clock, "node-1");
        self.tick();
        problem.set(Optional.of("check of api outlived its deadline by 4200 ms"));
        self.tick();
        f.advance(Duration.ofSeconds(5));
        self.tick();
        f.advance(Duration.ofSeconds(95));
        problem.set(Optional.empty());
        self.tick();
        self.tick();

        List<NotificationRecord> sent = f.notifications();
        assertThat(sent).extracting(NotificationRecord::channelId).containsExactly("ops", "ops");
        assertThat(sent).extracting(NotificationRecord::kind).containsExactly("MONITORING_SIDE_FAILURE", "RECOVERED");
        assertThat(AlertJson.text(sent.get(0).body())).isEqualTo("Lookout on node-1 is falling behind: check of api outlived"
                + " its deadline by 4200 ms. Checks may run late or be cut short until this clears; alerts for targets may be"
                + " delayed.");
        assertThat(AlertJson.text(sent.get(1).body())).isEqualTo("Lookout on node-1 is keeping up again after 1m 40s (it"
                + " started with: check of api outlived its deadline by 4200 ms).");
    }
}
