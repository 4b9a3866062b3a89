package dev.lookout.web.console;

import dev.lookout.web.ApiException;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /console/events}: the dashboard's server-sent events, one {@code state} event per
 * monitor state change (only changes; the page has the rest). The stream runs on a virtual
 * thread of its own and writes only to its client; a client that falls behind is dropped by
 * {@link StateEvents}, never waited for. Only {@code Accept: text/event-stream} opens a stream,
 * as a browser's {@code EventSource} sends; anything else is a 406.
 */
public final class EventStream implements RouteGroup {
    /** A comment at least this often keeps proxies and Jetty's idle timeout from ending a quiet stream. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final StateEvents events;

    public EventStream(StateEvents events) {
        this.events = events;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/console/events", Role.VIEWER, this::stream));
    }

    private void stream(Context ctx) throws IOException, InterruptedException {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "/console/events is a stream of server-sent events: send 'Accept: text/event-stream'");
        }
        try (StateEvents.Subscriber subscriber = events.subscribe()) {
            HttpServletResponse response = ctx.res();
            response.setStatus(200);
            response.setContentType("text/event-stream;charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Accel-Buffering", "no"); // nginx: pass each event on at once
            OutputStream out = response.getOutputStream();
            send(out, "retry: 5000\nevent: hello\ndata: {}\n\n");
            while (true) {
                String event = subscriber.next(KEEP_ALIVE);
                if (StateEvents.ended(event)) {
                    if (subscriber.dropped()) {
                        send(out, "event: dropped\ndata: {}\n\n");
                    }
                    return;
                }
                send(out, event == null ? ": keep-alive\n\n" : event);
            }
        } catch (IOException gone) {
            // the browser closed the page or the connection broke: its subscriber is closed above
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
