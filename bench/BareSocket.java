import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference for bench/scheduler.sh: the least a JVM can do for one HTTP check. At a fixed
 * rate, each check is a virtual thread with a fresh blocking socket: connect, send a GET with
 * "Connection: close", read to EOF, look at the status line. No scheduler, conditions, store or
 * metrics. Prints its own CPU time over the measured window (after a warm-up).
 *
 * Checks that fall due in the same GROUP_MS tick start together, as Lookout's scheduler starts
 * them (it plans runs on a 10 ms grid); GROUP_MS 0 spaces every check evenly.
 *
 * java BareSocket.java HOST PORT PATH RATE WARMUP_SECONDS MEASURE_SECONDS [GROUP_MS]
 */
public class BareSocket {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        double rate = Double.parseDouble(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int measure = Integer.parseInt(args[5]);
        long groupNanos = args.length > 6 ? Long.parseLong(args[6]) * 1_000_000L : 0;
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nUser-Agent: bare-socket\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        LongAdder ok = new LongAdder(), failed = new LongAdder();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long step = (long) (1e9 / rate);
        long measureStart = start + warmup * 1_000_000_000L, end = measureStart + measure * 1_000_000_000L;
        long cpu0 = -1, ok0 = 0, failed0 = 0;
        for (long i = 0; ; i++) {
            long at = start + i * step;
            if (cpu0 < 0 && at - measureStart >= 0) {
                cpu0 = os.getProcessCpuTime();
                ok0 = ok.sum();
                failed0 = failed.sum();
            }
            if (at - end >= 0) {
                break;
            }
            long due = groupNanos == 0 ? at : start + (at - start + groupNanos - 1) / groupNanos * groupNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Thread.ofVirtual().start(() -> {
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(host, port), 5000);
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    out.flush();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    int n, total = 0;
                    boolean status200 = false;
                    while ((n = in.read(buf)) > 0) {
                        if (total == 0 && n >= 12) {
                            status200 = new String(buf, 0, 12, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
                        }
                        total += n;
                    }
                    (status200 ? ok : failed).increment();
                } catch (Exception e) {
                    failed.increment();
                }
            });
        }
        long cpu1 = os.getProcessCpuTime();
        long done = ok.sum() - ok0, bad = failed.sum() - failed0;
        double cpuMs = (cpu1 - cpu0) / 1e6;
        System.out.printf("baseline_checks_ok=%d baseline_checks_failed=%d baseline_seconds=%d baseline_rate=%.1f baseline_cpu_ms=%.0f baseline_cpu_ms_per_check=%.4f baseline_cpu_pct=%.1f%n",
                done, bad, measure, (done + bad) / (double) measure, cpuMs, cpuMs / Math.max(1, done + bad), cpuMs / (measure * 10.0));
        System.exit(0);
    }
}
