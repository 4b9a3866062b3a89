package dev.lookout.config;

import java.time.Duration;

/**
 * {@code server:} where the HTTP server listens, its public address, this node's name and the
 * admin token that write APIs require ({@code null}: write APIs are disabled).
 *
 * @param exportDir   where a static copy of the public site is kept up to date (null: none)
 * @param exportEvery how often that copy is checked for changes
 */
public record ServerConfig(String host, int port, String publicUrl, String nodeName, Duration shutdownGrace,
                           String adminToken, java.nio.file.Path exportDir, Duration exportEvery) {

    public ServerConfig(String host, int port, String publicUrl, String nodeName, Duration shutdownGrace) {
        this(host, port, publicUrl, nodeName, shutdownGrace, null);
    }

    public ServerConfig(String host, int port, String publicUrl, String nodeName, Duration shutdownGrace, String adminToken) {
        this(host, port, publicUrl, nodeName, shutdownGrace, adminToken, null, Duration.ofSeconds(30));
    }

    /** Never print the token. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + ", nodeName=" + nodeName
                + ", shutdownGrace=" + shutdownGrace + ", adminToken=" + (adminToken == null ? "none" : "***") + ", exportDir="
                + exportDir + ", exportEvery=" + exportEvery + "]";
    }
}
