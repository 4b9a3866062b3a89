package dev.lookout.alert.channel.webhook;

import com.samskivert.mustache.Template;
import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;
import java.util.Map;

/**
 * A generic webhook.
 *
 * @param url          where to send (may carry a token: kept secret)
 * @param method       POST, PUT or PATCH
 * @param headers      extra request headers; they may replace Content-Type, not the X-Lookout-* headers
 * @param secret       key of the {@code X-Lookout-Signature} HMAC-SHA256, or null for no signature
 * @param bodyTemplate replaces the JSON body (values JSON-escaped), or null for the documented JSON
 * @param wording      the {@code title} and {@code text} fields of the JSON body
 */
record WebhookSettings(Secret<URI> url, String method, Map<String, Secret<String>> headers, Secret<String> secret,
                       Template bodyTemplate, Wording wording) {

    WebhookSettings {
        headers = Map.copyOf(headers);
    }
}
