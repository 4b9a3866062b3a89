package dev.lookout.cli;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckRunner;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Timings;
import dev.lookout.condition.ConditionResult;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lookout check FILE MONITOR_ID}: runs one check once, as the scheduler would, and prints
 * the verdict with its timing breakdown (like {@code curl -w}) and every condition with its value.
 * Exit 0 for OK or DEGRADED, 1 for FAILED or TIMEOUT, 2 for a bad configuration or id.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, description = "Run one monitor's check once and print the result with its timings.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
    Path file;

    @Parameters(index = "1", paramLabel = "MONITOR_ID", description = "The id of the monitor to check.")
    String monitorId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckTypes types = CheckTypes.standard();
        LookoutConfig config = ConfigOption.load(ConfigOption.loader(types), file, err);
        if (config == null) {
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        MonitorConfig monitor = config.monitor(monitorId).orElse(null);
        if (monitor == null) {
            err.printf("%s: no monitor with id '%s' (known: %s)%n", file, monitorId,
                    String.join(", ", config.monitors().stream().map(MonitorConfig::id).toList()));
            err.flush();
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        if (!types.scheduled(monitor.type())) {
            err.printf("%s: monitor '%s' is of type %s: it is pushed (pinged), not checked; nothing to run%n", file, monitorId,
                    monitor.type());
            err.flush();
            return ConfigOption.EXIT_INVALID_CONFIG;
        }
        CheckContext context = new CheckContext(new AddressResolver(config.dns().servers()));
        CheckResult result = new CheckRunner(InstantSource.system()).run(monitor, types.create(monitor, context));
        print(out, monitor, result);
        out.flush();
        return result.outcome().isFailure() ? 1 : 0;
    }

    static void print(PrintWriter out, MonitorConfig monitor, CheckResult result) {
        out.printf("monitor:     %s (%s, timeout %s)%n", monitor.id(), monitor.type(), dev.lookout.condition.Durations.format(monitor.timeout()));
        out.printf("outcome:     %s%n", result.outcome());
        if (!result.message().isEmpty()) {
            out.printf("message:     %s%n", result.message());
        }
        Timings t = result.timings();
        out.printf("dns:         %s%n", millis(t.dnsMicros()));
        out.printf("connect:     %s%n", millis(t.connectMicros()));
        out.printf("tls:         %s%n", millis(t.tlsMicros()));
        out.printf("first byte:  %s%n", millis(t.firstByteMicros()));
        out.printf("total:       %s%n", millis(t.totalMicros()));
        if (!result.conditions().isEmpty()) {
            out.println("conditions:");
            for (ConditionResult c : result.conditions()) {
                out.printf("  %s %s  (actual: %s)%n", c.passed() ? "pass" : c.degradedOnly() ? "WARN" : "FAIL", c.condition(), c.actual());
            }
        }
    }

    private static String millis(long micros) {
        return micros < 0 ? "-" : String.format("%9.3f ms", micros / 1000.0);
    }
}
