package dev.lookout.check.dns;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.FLAG;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.anyCase;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionParser;
import dev.lookout.condition.ConditionSyntaxException;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code type: dns}: keys {@code name}, {@code record_type}, {@code server}, {@code tcp}. Without a
 * condition of the user's on {@code dns.rcode}, the check adds {@code dns.rcode == NOERROR}.
 */
public final class DnsCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = List.of("dns.rcode", "dns.answers", "dns.answer", "dns.count", "dns.ttl",
            "latency");

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("name", TEXT, "The name queried"),
                key("record_type", anyCase(DnsSettings.RECORD_TYPES.toArray(String[]::new)), "A", "The record type queried"),
                key("server", TEXT, null, "DNS server asked, an IP address with an optional port (default: dns.servers)"),
                key("tcp", FLAG, "false", "Query over TCP instead of UDP"));
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String name = m.requiredString("name").orElse(null);
        String recordType = m.string("record_type", "A").toUpperCase(Locale.ROOT);
        boolean usable = name != null;
        if (!DnsSettings.RECORD_TYPES.contains(recordType)) {
            m.get("record_type").error("'" + recordType + "' is not one of " + String.join(", ", DnsSettings.RECORD_TYPES));
            usable = false;
        }
        InetSocketAddress server = null;
        String serverText = m.string("server").orElse(null);
        if (serverText != null) {
            try {
                server = AddressResolver.parseServer(serverText.strip());
            } catch (IllegalArgumentException e) {
                m.get("server").error(e.getMessage());
                usable = false;
            }
        }
        boolean tcp = m.bool("tcp", false);
        if (!usable) {
            return null;
        }
        List<Condition> implicit = new ArrayList<>();
        if (conditions.stream().noneMatch(c -> c.subjects().contains("dns.rcode"))) {
            implicit.add(parse("dns.rcode == NOERROR"));
        }
        try {
            return new MonitorTypes.TypeSettings(new DnsSettings(name, recordType, server, tcp), implicit);
        } catch (IllegalArgumentException e) {
            m.get("name").error(e.getMessage());
            return null;
        }
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
        return new DnsCheck((DnsSettings) settings, context.resolver());
    }
}
