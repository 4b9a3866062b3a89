package dev.lookout.check.redis;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.FLAG;
import static dev.lookout.config.ValueShape.PORT;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.whole;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import java.util.List;

/**
 * {@code type: redis}: keys {@code host}, {@code port} (6379), {@code username}, {@code password},
 * {@code database}, {@code key}, {@code tls}. Placeholders {@code ping}, {@code info.FIELD}
 * (every field of INFO), {@code value} (GET key) and {@code latency}.
 */
public final class RedisCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = List.of("ping", "info.FIELD", "value", "latency");

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("host", TEXT, "Host name or address of the Redis server"),
                key("port", PORT, String.valueOf(RedisSettings.DEFAULT_PORT), "Port of the Redis server"),
                key("username", TEXT, null, "ACL user name (needs password)"),
                key("password", TEXT, null, "Password (keep it in the environment)"),
                key("database", whole(0, 1_000_000), null, "Database selected"),
                key("key", TEXT, null, "A key read; its value is offered to conditions"),
                key("tls", FLAG, "false", "Connect with TLS"));
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String host = m.requiredString("host").orElse(null);
        int port = m.integer("port", RedisSettings.DEFAULT_PORT, 1, 65535);
        String username = m.string("username").orElse(null);
        String password = m.string("password").orElse(null);
        Integer database = m.has("database") ? m.integer("database", 0, 0, 1_000_000) : null;
        String key = m.string("key").orElse(null);
        boolean tls = m.bool("tls", false);
        if (username != null && password == null) {
            m.get("username").error("needs a password (AUTH username password)");
            return null;
        }
        if (key != null && key.isEmpty()) {
            m.get("key").error("must not be empty (leave it out to read no key)");
            return null;
        }
        if (host == null) {
            return null;
        }
        return new MonitorTypes.TypeSettings(new RedisSettings(host, port, username, password, database, key, tls), List.of());
    }

    @Override
    public Check create(Object settings, CheckContext context) {
        return new RedisCheck((RedisSettings) settings, context.resolver());
    }
}
