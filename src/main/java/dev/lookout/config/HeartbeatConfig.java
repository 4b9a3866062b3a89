package dev.lookout.config;

/**
 * The top-level {@code heartbeat:} section: settings shared by every heartbeat monitor.
 *
 * @param pingKey the key of the slug form {@code /ping/PING_KEY/SLUG}; null when not configured
 *                (then only {@code /ping/UUID} reaches heartbeat monitors)
 */
public record HeartbeatConfig(String pingKey) {
    public static final HeartbeatConfig NONE = new HeartbeatConfig(null);
}
