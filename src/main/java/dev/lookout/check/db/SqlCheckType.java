package dev.lookout.check.db;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import java.util.List;

/**
 * {@code type: postgres} and {@code type: mysql} (one instance per {@link SqlDialect}): keys
 * {@code host}, {@code port}, {@code database}, {@code user}, {@code password}, {@code query}
 * (default {@code SELECT 1}), {@code ssl_mode}. Placeholders {@code row.COLUMN}, {@code rows},
 * {@code latency}, {@code connect_time}.
 */
public final class SqlCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = List.of("row.COLUMN", "rows", "latency", "connect_time");

    private final SqlDialect dialect;

    private SqlCheckType(SqlDialect dialect) {
        this.dialect = dialect;
    }

    public static SqlCheckType postgres() {
        return new SqlCheckType(SqlDialect.POSTGRES);
    }

    public static SqlCheckType mysql() {
        return new SqlCheckType(SqlDialect.MYSQL);
    }

    @Override
    public String name() {
        return dialect.typeName();
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String host = m.requiredString("host").orElse(null);
        int port = m.integer("port", dialect.defaultPort(), 1, 65535);
        String database = m.requiredString("database").orElse(null);
        String user = m.requiredString("user").orElse(null);
        String password = m.string("password").orElse(null);
        String query = m.string("query", SqlSettings.DEFAULT_QUERY);
        if (query.isBlank()) {
            m.get("query").error("must not be empty (leave it out for " + SqlSettings.DEFAULT_QUERY + ")");
            return null;
        }
        String sslMode = m.string("ssl_mode", dialect.sslModes().get(1));
        if (!dialect.sslModes().contains(sslMode)) {
            m.get("ssl_mode").error("'" + sslMode + "' is not one of " + String.join(", ", dialect.sslModes()));
            return null;
        }
        if (host == null || database == null || user == null) {
            return null;
        }
        return new MonitorTypes.TypeSettings(
                new SqlSettings(dialect, host, port, database, user, password, query, sslMode), List.of());
    }

    @Override
    public Check create(Object settings, CheckContext context) {
        return new SqlCheck((SqlSettings) settings, context.resolver());
    }
}
