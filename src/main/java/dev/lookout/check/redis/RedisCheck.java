package dev.lookout.check.redis;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineSocket;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * Asks a Redis server, within the deadline: {@code AUTH} and {@code SELECT} when configured, then
 * {@code PING}, {@code INFO} and, with a key, {@code GET}. Speaks RESP itself over a
 * {@link DeadlineSocket}, so DNS, connect, TLS and every reply end at the deadline (docs/rationale.md).
 */
public final class RedisCheck implements Check {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private final RedisSettings settings;
    private final AddressResolver resolver;

    public RedisCheck(RedisSettings settings, AddressResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public Probe run(Deadline deadline) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        try (DeadlineSocket socket = new DeadlineSocket(deadline, timings)) {
            return socket.probe(() -> {
                socket.connect(settings.host(), settings.port(), resolver);
                if (settings.tls()) {
                    socket.startTls(settings.host(), settings.port(), (SSLSocketFactory) SSLSocketFactory.getDefault(), true);
                }
                Resp resp = new Resp(new BufferedInputStream(socket.input()), socket.output());
                if (settings.password() != null) {
                    socket.phase("auth");
                    Object reply = settings.username() == null
                            ? call(resp, "AUTH", settings.password())
                            : call(resp, "AUTH", settings.username(), settings.password());
                    timings.firstByte();
                    if (reply instanceof Resp.Error error) {
                        return Probe.failed("AUTH failed: " + error.message(), timings.finish());
                    }
                }
                if (settings.database() != null) {
                    socket.phase("select");
                    if (call(resp, "SELECT", settings.database().toString()) instanceof Resp.Error error) {
                        return Probe.failed("SELECT " + settings.database() + " failed: " + error.message(), timings.finish());
                    }
                }
                socket.phase("ping");
                Object pong = call(resp, "PING");
                timings.firstByte();
                if (!(pong instanceof String ping)) {
                    return Probe.failed("PING failed: " + describe(pong), timings.finish());
                }
                socket.phase("info");
                Object info = call(resp, "INFO");
                if (!(info instanceof String infoText)) {
                    return Probe.failed("INFO failed: " + describe(info), timings.finish());
                }
                String value = null;
                if (settings.key() != null) {
                    socket.phase("get");
                    Object got = call(resp, "GET", settings.key());
                    if (got instanceof Resp.Error error) {
                        return Probe.failed("GET " + settings.key() + " failed: " + error.message(), timings.finish());
                    }
                    value = (String) got;
                }
                Timings done = timings.finish();
                return Probe.reached("PING " + ping, done, new RedisObservation(done.total(), ping, parseInfo(infoText), value));
            }, e -> e instanceof ProtocolException
                    ? "not a Redis reply during " + socket.phase() + ": " + e.getMessage() : socket.describe(e));
        }
    }

    private static Object call(Resp resp, String... command) throws IOException {
        resp.send(command);
        return resp.read();
    }

    private static String describe(Object reply) {
        return reply instanceof Resp.Error error ? error.message() : "unexpected reply " + reply;
    }

    /** {@code field:value} lines of every INFO section; numbers as Long or Double, the rest as text. */
    static Map<String, Object> parseInfo(String info) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon <= 0) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            fields.put(line.substring(0, colon), typed(value));
        }
        return fields;
    }

    private static Object typed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return DECIMAL.matcher(value).matches() ? (Object) Double.parseDouble(value) : value;
        }
    }
}
