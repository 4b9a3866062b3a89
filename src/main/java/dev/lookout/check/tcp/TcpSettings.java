package dev.lookout.check.tcp;

/**
 * What one TCP check connects to and, optionally, says and expects to hear.
 *
 * @param send   text written (UTF-8) once connected, e.g. {@code "PING\r\n"}; null to send nothing
 * @param expect the reply must start with this text, e.g. {@code "+PONG"}; null to only connect.
 *               Without {@code send} it checks the banner the server speaks first (SMTP, SSH)
 * @param allAddresses connect to every address of the host separately (each A and AAAA record);
 *                     fails when any of them fails
 */
public record TcpSettings(String host, int port, String send, String expect, boolean allAddresses) {

    /** Against the first address that accepts (not {@code all_addresses}). */
    public TcpSettings(String host, int port, String send, String expect) {
        this(host, port, send, expect, false);
    }

    public TcpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (expect != null && expect.isEmpty()) {
            throw new IllegalArgumentException("expect must not be empty (leave it out to only connect)");
        }
    }

    public static TcpSettings connectOnly(String host, int port) {
        return new TcpSettings(host, port, null, null);
    }
}
