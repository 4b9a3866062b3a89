package dev.lookout.check.db;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.PORT;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.choice;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigKey;
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
    public List<ConfigKey> keys() {
        return List.of(
                required("host", TEXT, "Host name or address of the database server"),
                key("port", PORT, String.valueOf(dialect.defaultPort()), "Port of the database server"),
                required("database", TEXT, "Database connected to"),
                required("user", TEXT, "User connected as"),
                key("password", TEXT, null, "Password (keep it in the environment: ${DB_PASSWORD})"),
                key("query", TEXT, SqlSettings.DEFAULT_QUERY, "Query run; its first row is offered to conditions"),
                key("ssl_mode", choice(dialect.sslModes().toArray(String[]::new)), dialect.sslModes().get(1), "TLS to the server"));
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
