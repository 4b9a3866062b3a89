package dev.lookout.check.dns;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * What one DNS check asks and where.
 *
 * @param name       the name queried, as an absolute name (no search path), e.g. {@code example.com}
 * @param recordType one of {@link #RECORD_TYPES}, upper case
 * @param server     the server asked, or null for {@code dns.servers} (else the system's resolvers)
 * @param tcp        query over TCP from the start; otherwise UDP, and TCP again when the answer is truncated
 */
public record DnsSettings(String name, String recordType, InetSocketAddress server, boolean tcp) {
    public static final List<String> RECORD_TYPES = List.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA");

    public DnsSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        absoluteName(name);
        recordType = recordType == null ? "A" : recordType.toUpperCase(Locale.ROOT);
        if (!RECORD_TYPES.contains(recordType)) {
            throw new IllegalArgumentException("record_type '" + recordType + "' is not one of " + String.join(", ", RECORD_TYPES));
        }
    }

    /** {@code name} as dnsjava takes it. */
    Name absoluteName() {
        return absoluteName(name);
    }

    private static Name absoluteName(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a valid DNS name: " + e.getMessage());
        }
    }
}
