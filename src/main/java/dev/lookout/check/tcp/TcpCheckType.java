package dev.lookout.check.tcp;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.FLAG;
import static dev.lookout.config.ValueShape.PORT;
import static dev.lookout.config.ValueShape.TEXT;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.check.EveryAddress;
import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import java.util.List;
import java.util.stream.Stream;

/** {@code type: tcp}: keys {@code host}, {@code port}, optional {@code send} and {@code expect} (reply prefix), {@code all_addresses}. */
public final class TcpCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = Stream.concat(Stream.of("latency", "reply", "connected"),
            EveryAddress.PLACEHOLDERS.stream()).toList();

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("host", TEXT, "Host name or address connected to"),
                required("port", PORT, "Port connected to"),
                key("send", TEXT, null, "Text sent after connecting"),
                key("expect", TEXT, null, "Text the answer must start with"),
                key("all_addresses", FLAG, "false", "Check every address of the host name, not only the first"));
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String host = m.requiredString("host").orElse(null);
        int port = m.integer("port", 0, 1, 65535);
        if (!m.has("port")) {
            m.get("port").error("is required");
        }
        String send = m.string("send").orElse(null);
        String expect = m.string("expect").orElse(null);
        boolean allAddresses = m.bool("all_addresses", false);
        if (expect != null && expect.isEmpty()) {
            m.get("expect").error("must not be empty (leave it out to only connect)");
            return null;
        }
        if (host == null || port == 0) {
            return null;
        }
        return new MonitorTypes.TypeSettings(new TcpSettings(host, port, send, expect, allAddresses), List.of());
    }

    @Override
    public Check create(Object settings, CheckContext context) {
        return new TcpCheck((TcpSettings) settings, context.resolver());
    }
}
