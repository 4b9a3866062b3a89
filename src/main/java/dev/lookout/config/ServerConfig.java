package dev.lookout.config;

import java.time.Duration;

/**
 * {@code server:} where the HTTP server listens, its public address, this node's name and the
 * admin token that write APIs require ({@code null}: write APIs are disabled).
 */
public record ServerConfig(String host, int port, String publicUrl, String nodeName, Duration shutdownGrace,
                           String adminToken) {

    public ServerConfig(String host, int port, String publicUrl, String nodeName, Duration shutdownGrace) {
        this(host, port, publicUrl, nodeName, shutdownGrace, null);
    }

    /** Never print the token. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", nodeName=" + nodeName
                + ", shutdownGrace=" + shutdownGrace + ", adminToken=" + (adminToken == null ? "none" : "***") + "]";
    }
}
