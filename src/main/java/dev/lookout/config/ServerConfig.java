package dev.lookout.config;

import java.time.Duration;

/** {@code server:} where the HTTP server listens, its public address and this node's name. */
public record ServerConfig(String host, int port, String publicUrl, String nodeName, Duration shutdownGrace) {
}
