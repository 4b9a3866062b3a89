package dev.lookout.config;

import java.util.List;

/** {@code dns:} the resolvers checks use ({@code host:port}); empty means the system's. */
public record DnsConfig(List<String> servers) {
    public DnsConfig {
        servers = List.copyOf(servers);
    }
}
