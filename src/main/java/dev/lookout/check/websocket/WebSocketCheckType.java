package dev.lookout.check.websocket;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.FLAG;
import static dev.lookout.config.ValueShape.TEXT;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import dev.lookout.config.ValueShape;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: websocket}: keys {@code url} (ws:// or wss://), {@code headers}, {@code send},
 * {@code verify_tls}. Placeholders {@code message}, {@code status}, {@code latency}. The check waits
 * for a message only when it sends one or a condition reads {@code message}.
 */
public final class WebSocketCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = List.of("message", "status", "latency");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "upgrade", "sec-websocket-key",
            "sec-websocket-version", "content-length", "transfer-encoding");

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("url", TEXT, "The ws:// or wss:// URL"),
                key("headers", new ValueShape.NamedTexts(), null, "Handshake headers, name: value"),
                key("send", TEXT, null, "A text message sent after the handshake"),
                key("verify_tls", FLAG, "true", "Whether the server's certificate is verified"));
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        String urlText = m.requiredString("url").orElse(null);
        URI url = urlText == null ? null : parseUrl(m.get("url"), urlText);
        Map<String, String> headers = m.stringMap("headers");
        headers.forEach((name, value) -> {
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                m.get("headers").error("header '" + name + "' is set by Lookout for the WebSocket handshake");
            }
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                m.get("headers").error("invalid header '" + name + "' (names are tokens; values have no line breaks)");
            }
        });
        String send = m.string("send").orElse(null);
        boolean verifyTls = m.bool("verify_tls", true);
        boolean awaitMessage = send != null || conditions.stream().anyMatch(c -> c.subjects().contains("message"));
        if (url == null) {
            return null;
        }
        return new MonitorTypes.TypeSettings(new WebSocketSettings(url, headers, send, verifyTls, awaitMessage), List.of());
    }

    private static URI parseUrl(ConfigNode node, String text) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("ws") || scheme.equals("wss")) || url.getHost() == null) {
                node.error("'" + text + "' is not a ws:// or wss:// URL with a host");
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            node.error("'" + text + "' is not a URL: " + e.getReason());
            return null;
        }
    }

    @Override
    public Check create(Object settings, CheckContext context) {
        return new WebSocketCheck((WebSocketSettings) settings, context.resolver());
    }
}
