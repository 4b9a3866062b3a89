package dev.lookout.check.tls;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.PORT;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.whole;

import dev.lookout.check.CertificateExpiry;
import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionParser;
import dev.lookout.condition.ConditionSyntaxException;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code type: tls}: keys {@code host}, {@code port}, {@code server_name}, {@code ca_file},
 * {@code min_days_degraded}, {@code min_days_down}. Adds, for each subject the user has no condition
 * on: {@code cert.chain_valid == true}, {@code cert.hostname_matches == true},
 * {@code cert.days_left >= min_days_down} and {@code cert.days_left >= min_days_degraded [degraded]}.
 */
public final class TlsCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = Stream.concat(CertificateExpiry.PLACEHOLDERS.stream(),
            Stream.of("cert.subject", "cert.issuer", "cert.chain_valid", "cert.chain_error", "cert.hostname_matches",
                    "tls.protocol", "tls.cipher", "latency")).toList();

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("host", TEXT, "Host name or address connected to"),
                key("port", PORT, String.valueOf(TlsSettings.DEFAULT_PORT), "Port connected to"),
                key("server_name", TEXT, null, "Name sent as SNI and verified (default: host)"),
                key("ca_file", TEXT, null, "PEM file of the certificates trusted (default: the system's)"),
                key("min_days_degraded", whole(0, 3650), String.valueOf(TlsSettings.DEFAULT_MIN_DAYS_DEGRADED),
                        "DEGRADED when the certificate expires within this many days"),
                key("min_days_down", whole(0, 3650), String.valueOf(TlsSettings.DEFAULT_MIN_DAYS_DOWN),
                        "DOWN when the certificate expires within this many days"));
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String host = m.requiredString("host").orElse(null);
        int port = m.integer("port", TlsSettings.DEFAULT_PORT, 1, 65535);
        String serverName = m.string("server_name").orElse(null);
        Path caFile = m.string("ca_file").map(Path::of).orElse(null);
        boolean usable = host != null;
        if (caFile != null) {
            try {
                TlsCheck.trustManager(caFile);
            } catch (IOException | GeneralSecurityException e) {
                m.get("ca_file").error("cannot read CA certificates from " + caFile + ": " + e.getMessage());
                usable = false;
            }
        }
        int degraded = m.integer("min_days_degraded", TlsSettings.DEFAULT_MIN_DAYS_DEGRADED, 0, 3650);
        int down = m.integer("min_days_down", TlsSettings.DEFAULT_MIN_DAYS_DOWN, 0, 3650);
        if (down > degraded) {
            m.get("min_days_down").error("must not be more than min_days_degraded (" + degraded + ")");
            usable = false;
        }
        if (!usable) {
            return null;
        }
        List<Condition> implicit = new ArrayList<>();
        if (noConditionOn(conditions, "cert.chain_valid")) {
            implicit.add(parse("cert.chain_valid == true"));
        }
        if (noConditionOn(conditions, "cert.hostname_matches")) {
            implicit.add(parse("cert.hostname_matches == true"));
        }
        if (noConditionOn(conditions, "cert.days_left")) {
            implicit.add(parse("cert.days_left >= " + down));
            implicit.add(parse("cert.days_left >= " + degraded + " [degraded]"));
        }
        return new MonitorTypes.TypeSettings(new TlsSettings(host, port, serverName, caFile, degraded, down), implicit);
    }

    private static boolean noConditionOn(List<Condition> conditions, String subject) {
        return conditions.stream().noneMatch(c -> c.subjects().contains(subject));
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
        return new TlsCheck((TlsSettings) settings, context.resolver(), context.clock());
    }
}
