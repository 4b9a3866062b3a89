package dev.lookout.check.redis;

/**
 * What one Redis check connects to and asks.
 *
 * @param host     host name or IP address
 * @param port     1..65535, 6379 by default
 * @param username ACL user for {@code AUTH username password}; null for {@code AUTH password} (the default user)
 * @param password sent with {@code AUTH} before anything else; null to skip AUTH
 * @param database index sent with {@code SELECT}; null to stay on the server's default (0)
 * @param key      read with {@code GET} as the {@code value} placeholder; null to read nothing
 * @param tls      speak TLS (certificate trusted by the JDK and matching the host)
 */
public record RedisSettings(String host, int port, String username, String password, Integer database, String key,
                            boolean tls) {
    public static final int DEFAULT_PORT = 6379;

    public RedisSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (username != null && password == null) {
            throw new IllegalArgumentException("username needs a password");
        }
        if (database != null && database < 0) {
            throw new IllegalArgumentException("database must not be negative, got " + database);
        }
    }

    public static RedisSettings plain(String host, int port) {
        return new RedisSettings(host, port, null, null, null, null, false);
    }
}
