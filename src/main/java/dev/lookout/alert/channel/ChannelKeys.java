package dev.lookout.alert.channel;

import dev.lookout.config.ConfigLoader;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.ValueShape;
import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;

/** Reading the keys many channel types share, with the same checks and messages for all. */
public final class ChannelKeys {

    /** The keys of {@link #incomingWebhook}. */
    public static final List<ConfigKey> INCOMING_WEBHOOK = List.of(
            ConfigKey.required("url", ValueShape.TEXT, "The incoming webhook's URL (it carries a token: keep it in the environment)"),
            Wording.KEY);

    private ChannelKeys() {
    }

    /** A required http(s) URL; null (with an error) when missing or invalid. */
    public static URI url(ConfigNode channel, String key) {
        return channel.requiredString(key).map(text -> ConfigLoader.checkUrl(channel.get(key), text)).orElse(null);
    }

    /** A required http(s) base URL that paths are appended to: a trailing slash is dropped ({@code https://push.example.com/}). */
    public static URI baseUrl(ConfigNode channel, String key) {
        URI url = url(channel, key);
        String text = url == null ? null : url.toString();
        return text == null ? null : URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** An http(s) URL with a default (the vendor's endpoint), overridable for self-hosting and tests. */
    public static URI url(ConfigNode channel, String key, String defaultUrl) {
        String text = channel.string(key, defaultUrl);
        URI url = ConfigLoader.checkUrl(channel.get(key), text);
        return url == null ? null : URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** A required secret value (a token, a key); null (with an error) when missing. */
    public static Secret<String> secret(ConfigNode channel, String key) {
        return channel.requiredString(key).map(Secret::new).orElse(null);
    }

    /** A required URL that carries a secret (a webhook URL with its token). */
    public static Secret<URI> secretUrl(ConfigNode channel, String key) {
        URI url = url(channel, key);
        return url == null ? null : new Secret<>(url);
    }

    /**
     * All the keys of a channel that is an incoming webhook and nothing more (Slack, Teams): the
     * required secret {@code url} and the optional {@code template}. Returns the type's settings,
     * or null (with the errors reported) when unusable.
     */
    public static <S> S incomingWebhook(ConfigNode channel, BiFunction<Secret<URI>, Wording, S> settings) {
        Secret<URI> url = secretUrl(channel, "url");
        Wording wording = Wording.read(channel);
        return url == null ? null : settings.apply(url, wording);
    }
}
