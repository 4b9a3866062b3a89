package dev.lookout.check.icmp;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.choice;
import static dev.lookout.config.ValueShape.whole;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionParser;
import dev.lookout.condition.ConditionSyntaxException;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import java.time.Duration;
import java.util.List;

/**
 * {@code type: icmp}: keys {@code host}, {@code count} (3), {@code packet_interval} (200ms), {@code method}
 * ({@code auto}, {@code raw} or {@code system}).
 * Without a condition on {@code ping.loss}, {@code ping.received > 0} is added: all lost fails.
 */
public final class IcmpCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = List.of("ping.sent", "ping.received", "ping.loss", "ping.rtt_min",
            "ping.rtt_avg", "ping.rtt_max", "latency");

    @Override
    public String name() {
        return "icmp";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("host", TEXT, "Host name or address pinged"),
                key("count", whole(1, 100), String.valueOf(IcmpSettings.DEFAULT_COUNT), "Echo requests sent per check"),
                key("packet_interval", DURATION, "200ms", "Time between two echo requests; at least 10ms"),
                key("method", choice("auto", "raw", "system"), "auto", "How echo requests are sent"));
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String host = m.requiredString("host").orElse(null);
        int count = m.integer("count", IcmpSettings.DEFAULT_COUNT, 1, 100);
        Duration interval = m.duration("packet_interval", IcmpSettings.DEFAULT_INTERVAL);
        if (interval.compareTo(IcmpSettings.MIN_INTERVAL) < 0) {
            m.get("packet_interval").error("must be at least 10ms, got " + interval.toMillis() + "ms");
            return null;
        }
        String methodCode = m.string("method", IcmpMethod.AUTO.code());
        IcmpMethod method = IcmpMethod.parse(methodCode).orElse(null);
        if (method == null) {
            m.get("method").error("'" + methodCode + "' is not one of auto, raw, system");
            return null;
        }
        if (host == null) {
            return null;
        }
        List<Condition> implicit = conditions.stream().anyMatch(c -> c.subjects().contains("ping.loss"))
                ? List.of() : List.of(parse("ping.received > 0"));
        return new MonitorTypes.TypeSettings(new IcmpSettings(host, count, interval, method), implicit);
    }

    private static Condition parse(String text) {
        try {
            return ConditionParser.parse(text);
        } catch (ConditionSyntaxException e) {
            throw new IllegalStateException("built-in condition does not parse: " + text, e);
        }
    }

    @Override
    public Check create(Object settings, CheckContext context) {
        return new IcmpCheck((IcmpSettings) settings, context.resolver());
    }
}
