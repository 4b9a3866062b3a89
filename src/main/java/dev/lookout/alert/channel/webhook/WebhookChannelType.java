package dev.lookout.alert.channel.webhook;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.anyCase;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.TemplateCompiler;
import dev.lookout.alert.channel.Wording;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ValueShape;
import java.util.List;
import dev.lookout.config.ConfigNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code type: webhook}: keys {@code url}, {@code method}, {@code headers}, {@code secret}, {@code body_template}, {@code template}. */
public final class WebhookChannelType implements ChannelType {
    /** Set by the HTTP client or by the channel itself; a header of these names would be ignored or forged. */
    private static final Set<String> RESERVED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "x-lookout-signature", "x-lookout-delivery", "x-lookout-event");

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("url", TEXT, "The URL the JSON is sent to"),
                key("method", anyCase("POST", "PUT", "PATCH"), "POST", "The HTTP method"),
                key("headers", new ValueShape.NamedTexts(), null, "Request headers, name: value"),
                key("secret", TEXT, null, "Key of the HMAC-SHA256 signature header (keep it in the environment)"),
                key("body_template", TEXT, null, "Mustache template of the JSON body, values escaped for JSON strings"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var url = ChannelKeys.secretUrl(channel, "url");
        String method = channel.string("method", "POST").toUpperCase(Locale.ROOT);
        if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
            channel.get("method").error("'" + method + "' is not POST, PUT or PATCH");
        }
        Map<String, Secret<String>> headers = new LinkedHashMap<>();
        channel.stringMap("headers").forEach((name, value) -> {
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT)) || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                    || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                channel.get("headers").error("header '" + name + "' cannot be set (a token name, no line breaks; not one of "
                        + String.join(", ", RESERVED.stream().sorted().toList()) + ")");
            }
            headers.put(name, new Secret<>(value));
        });
        Secret<String> secret = channel.string("secret").filter(s -> !s.isEmpty()).map(Secret::new).orElse(null);
        var bodyTemplate = TemplateCompiler.JSON.compile(channel.get("body_template"));
        Wording wording = Wording.read(channel);
        return url == null ? null : new WebhookSettings(url, method, headers, secret, bodyTemplate, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new WebhookChannel(id, (WebhookSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
