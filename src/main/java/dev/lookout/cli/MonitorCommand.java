package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lookout.condition.Durations;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code lookout monitor ...}: pause, resume, check now and silence a monitor through a running Lookout's API. */
@Command(name = "monitor", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Pause, resume, check now or silence a monitor on a running Lookout.",
        subcommands = {MonitorCommand.Pause.class, MonitorCommand.Resume.class, MonitorCommand.Check.class,
                MonitorCommand.Silence.class, MonitorCommand.Unsilence.class})
final class MonitorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: pause, resume, check, silence or unsilence");
    }

    /** A time in ISO-8601 with a zone ({@code 2026-12-01T22:00:00Z}), or a duration from now ({@code 30m}, {@code 2h}). */
    static final class Until implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Optional<Duration> duration = Durations.parse(value);
            if (duration.isPresent()) {
                return Instant.now().plus(duration.get());
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is neither a duration from now (30m, 2h, 1d) nor an "
                        + "ISO-8601 time with zone (2026-12-01T22:00:00Z)");
            }
        }
    }

    private static String path(String id, String action) {
        return "/api/v1/monitors/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/" + action;
    }

    /** One line per control the monitor has now. */
    private static void describe(JsonNode answer, PrintWriter out) {
        JsonNode pause = answer.path("pause");
        if (pause.isObject()) {
            out.println("  paused by " + pause.path("by").asText() + " at " + pause.path("at").asText()
                    + (pause.path("until").isNull() ? " until resumed" : " until " + pause.path("until").asText())
                    + ": " + pause.path("reason").asText());
        }
        JsonNode silence = answer.path("silence");
        if (silence.isObject()) {
            out.println("  alerts silenced by " + silence.path("by").asText() + " until " + silence.path("until").asText()
                    + (silence.path("reason").isNull() ? "" : ": " + silence.path("reason").asText()));
        }
        if (!answer.path("check_requested_at").isNull()) {
            out.println("  check asked for at " + answer.path("check_requested_at").asText() + ", not started yet");
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Stop checking a monitor; it shows as paused, not down, and resumes at --until if given.")
    static final class Pause extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The monitor's id.")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the others (shown with the pause).")
        String reason;

        @Option(names = "--until", paramLabel = "TIME", converter = Until.class,
                description = "Resume by itself then: 2h, 30m, or 2026-12-01T22:00:00Z (default: until resumed).")
        Instant until;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("reason", reason);
            if (until != null) {
                body.put("until", until.toString());
            }
            return client.send("POST", path(id, "pause"), body);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            out.println("Paused monitor " + answer.path("id").asText() + ".");
            describe(answer, out);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Check a paused monitor again; its state is evaluated afresh from its next check.")
    static final class Resume extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The monitor's id.")
        String id;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.send("POST", path(id, "resume"), null);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            out.println(answer.path("result").asText().equals("resumed") ? "Resumed monitor " + answer.path("id").asText() + "."
                    : "Monitor " + answer.path("id").asText() + " was not paused.");
            describe(answer, out);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a monitor once, as soon as possible, on whichever node checks it.")
    static final class Check extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The monitor's id.")
        String id;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.send("POST", path(id, "check"), null);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            out.println("Asked for a check of monitor " + answer.path("id").asText() + "; its result shows in `lookout` "
                    + "and the console within seconds.");
        }
    }

    @Command(name = "silence", mixinStandardHelpOptions = true,
            description = "Send no alerts for a monitor until --until; it is still checked and its state changes recorded.")
    static final class Silence extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The monitor's id.")
        String id;

        @Option(names = "--until", required = true, paramLabel = "TIME", converter = Until.class,
                description = "The silence ends then: 2h, 30m, or 2026-12-01T22:00:00Z.")
        Instant until;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (shown with the silence and in the alert history).")
        String reason;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("until", until.toString());
            if (reason != null) {
                body.put("reason", reason);
            }
            return client.send("POST", path(id, "silence"), body);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            out.println("Silenced the alerts of monitor " + answer.path("id").asText() + ".");
            describe(answer, out);
        }
    }

    @Command(name = "unsilence", mixinStandardHelpOptions = true,
            description = "End a monitor's silence; an alert it held goes out if the problem is still there.")
    static final class Unsilence extends AdminCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The monitor's id.")
        String id;

        @Override
        boolean writes() {
            return true;
        }

        @Override
        JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable {
            return client.send("DELETE", path(id, "silence"), null);
        }

        @Override
        void summarise(JsonNode answer, PrintWriter out) {
            out.println(answer.path("result").asText().equals("unsilenced")
                    ? "Ended the silence of monitor " + answer.path("id").asText() + "."
                    : "Monitor " + answer.path("id").asText() + " was not silenced.");
            describe(answer, out);
        }
    }
}
