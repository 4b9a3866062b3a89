package dev.lookout.check;

import dev.lookout.check.db.SqlCheckType;
import dev.lookout.check.dns.DnsCheckType;
import dev.lookout.check.heartbeat.HeartbeatCheckType;
import dev.lookout.check.http.HttpCheckType;
import dev.lookout.check.icmp.IcmpCheckType;
import dev.lookout.check.redis.RedisCheckType;
import dev.lookout.check.tcp.TcpCheckType;
import dev.lookout.check.tls.TlsCheckType;
import dev.lookout.check.websocket.WebSocketCheckType;
import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorConfig;
import dev.lookout.config.MonitorTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one registry of check types; the configuration loader and the scheduler both ask it. */
public final class CheckTypes implements MonitorTypes {
    private final Map<String, CheckType> types = new LinkedHashMap<>();

    private CheckTypes(List<CheckType> all) {
        all.forEach(t -> types.put(t.name(), t));
    }

    /** Every built-in type. */
    public static CheckTypes standard() {
        return new CheckTypes(List.of(new HttpCheckType(), new TcpCheckType(), new DnsCheckType(), new TlsCheckType(),
                SqlCheckType.postgres(), SqlCheckType.mysql(), new RedisCheckType(), new WebSocketCheckType(),
                new IcmpCheckType(), new HeartbeatCheckType()));
    }

    public List<CheckType> all() {
        return List.copyOf(types.values());
    }

    @Override
    public Set<String> names() {
        return types.keySet();
    }

    @Override
    public TypeSettings read(String type, ConfigNode monitor, List<Condition> conditions) {
        return types.get(type).read(monitor, conditions);
    }

    @Override
    public List<ConfigKey> keys(String type) {
        return types.get(type).keys();
    }

    @Override
    public boolean offers(String type, String subject) {
        return types.get(type).offers(subject);
    }

    @Override
    public List<String> placeholders(String type) {
        return types.get(type).placeholders();
    }

    @Override
    public boolean scheduled(String type) {
        return types.get(type).scheduled();
    }

    /** Builds the check of a loaded monitor (its settings were produced by the same type). */
    public Check create(MonitorConfig monitor, CheckContext context) {
        return types.get(monitor.type()).create(monitor.settings(), context);
    }
}
