package dev.lookout.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for tests: dnsmasq on a loopback port, answering {@code lookout.test} (and its
 * subdomains) with 127.0.0.1 and NXDOMAIN for {@code nx.test}. Fails, never skips, when dnsmasq is
 * not installed: CI installs it.
 */
public final class Dnsmasq implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");

    private Process process;
    private int port;

    public Dnsmasq() throws IOException {
        this(List.of());
    }

    /**
     * With more records, as dnsmasq options: {@code --host-record=multi.test,127.0.0.2},
     * {@code --mx-host=...}, {@code --txt-record=...}, {@code --srv-host=...}, {@code --cname=...},
     * {@code --caa-record=...}, {@code --dns-rr=...}.
     */
    public Dnsmasq(List<String> extraOptions) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the dnsmasq package (apt-get install dnsmasq)");
        }
        // The UDP port was free when probed; dnsmasq also binds TCP on it, which another process may hold.
        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int candidate = freeUdpPort();
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--no-daemon", "--port=" + candidate,
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null",
                    "--pid-file=", "--address=/lookout.test/127.0.0.1", "--address=/nx.test/"));
            command.addAll(extraOptions);
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--user=root"); // otherwise it needs the "dnsmasq" user to exist
            }
            Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                awaitStarted(started);
                process = started;
                port = candidate;
                return;
            } catch (IllegalStateException e) {
                started.destroyForcibly();
                lastFailure = e;
                if (!e.getMessage().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    /** As {@code AddressResolver} takes it: "127.0.0.1:port". */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** dnsmasq logs "started" once its sockets are bound; reading its output avoids polling. */
    private static void awaitStarted(Process process) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("started, version")) {
                // Keep draining so that dnsmasq never blocks on a full pipe. A platform thread: a pipe read
                // holds a virtual thread's carrier for as long as it blocks, and there are only as many as cores.
                Thread.ofPlatform().daemon().name("dnsmasq-output").start(() -> {
                    try {
                        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // dnsmasq was stopped: nothing left to drain.
                    }
                });
                return;
            }
        }
        throw new IllegalStateException("dnsmasq exited before starting:\n" + seen);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
