package dev.lookout.check.tcp;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.check.EveryAddress;
import dev.lookout.condition.Condition;
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
