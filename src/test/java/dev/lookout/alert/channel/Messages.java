package dev.lookout.alert.channel;

import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.FailedCondition;
import dev.lookout.alert.MonitorAlert;
import dev.lookout.evaluate.MonitorState;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The messages channel tests send: one monitor down, a group, a recovery, an acknowledgement, a test. */
public final class Messages {
    public static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");
    public static final Instant SINCE = Instant.parse("2026-11-23T10:03:00Z");

    private Messages() {
    }

    /** The API is down; its name has characters every markup must escape. */
    public static MonitorAlert apiDown() {
        return new MonitorAlert("api@2026-11-23T10:03:00Z", AlertKind.DOWN, "api", "API <prod> & \"friends\"", "http", "website",
                MonitorState.DOWN, SINCE, "HTTP 503 from 10.0.0.7",
                List.of(new FailedCondition("status == 200", "503"), new FailedCondition("latency < 300ms", "1.2s")),
                List.of("checkout", "search"), URI.create("https://status.example.com/monitors/api"),
                URI.create("https://status.example.com/ack/api%402026?sig=abc"));
    }

    public static MonitorAlert dbDegraded() {
        return new MonitorAlert("db@2026-11-23T10:10:00Z", AlertKind.DEGRADED, "db", "Database", "postgres", null,
                MonitorState.DEGRADED, Instant.parse("2026-11-23T10:10:00Z"), "",
                List.of(new FailedCondition("latency < 100ms [degraded]", "240ms")), List.of(), null, null);
    }

    public static MonitorAlert apiRecovered() {
        MonitorAlert down = apiDown();
        return new MonitorAlert(down.episode(), AlertKind.RECOVERED, "api", down.monitorName(), "http", "website",
                MonitorState.UP, SINCE, "", List.of(), List.of(), down.monitorUrl(), null);
    }

    public static MonitorAlert apiAcknowledged() {
        MonitorAlert down = apiDown();
        return new MonitorAlert(down.episode(), AlertKind.ACKNOWLEDGED, "api", down.monitorName(), "http", "website",
                MonitorState.DOWN, SINCE, down.cause(), down.failedConditions(), List.of(), down.monitorUrl(), null);
    }

    public static AlertMessage of(MonitorAlert... alerts) {
        return new AlertMessage("msg-42", alerts[0].kind(), AT, "node-1", List.of(alerts), "");
    }

    public static AlertMessage down() {
        return of(apiDown());
    }

    public static AlertMessage grouped() {
        return of(apiDown(), dbDegraded());
    }

    public static AlertMessage test() {
        return new AlertMessage("msg-test", AlertKind.TEST, AT, "node-1", List.of(),
                "This is a test of channel 'ops' <sent by lookout notify-test>.");
    }
}
