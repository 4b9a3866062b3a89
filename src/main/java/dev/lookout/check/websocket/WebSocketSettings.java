package dev.lookout.check.websocket;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * What one WebSocket check opens and says.
 *
 * @param url          {@code ws://} or {@code wss://} URL with a host
 * @param headers      extra handshake headers (e.g. {@code Authorization}, {@code Origin})
 * @param send         text message sent once connected; null to send nothing
 * @param verifyTls    for {@code wss://}: require a trusted certificate that matches the host
 * @param awaitMessage wait for the first text message (with {@code send}, or a condition on {@code message});
 *                     otherwise a completed handshake is enough
 */
public record WebSocketSettings(URI url, Map<String, String> headers, String send, boolean verifyTls, boolean awaitMessage) {

    public WebSocketSettings {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || url.getHost() == null) {
            throw new IllegalArgumentException("url must be ws:// or wss:// with a host, got " + url);
        }
        headers = Map.copyOf(headers);
    }

    boolean secure() {
        return url.getScheme().equalsIgnoreCase("wss");
    }

    int port() {
        return url.getPort() > 0 ? url.getPort() : secure() ? 443 : 80;
    }
}
