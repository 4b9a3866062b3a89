package dev.lookout.alert.channel.slack;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A Slack incoming webhook.
 *
 * @param url     the webhook URL ({@code https://hooks.slack.com/services/...}; its path is the secret)
 * @param wording the title and sections, default or from {@code template:}
 */
record SlackSettings(Secret<URI> url, Wording wording) {
}
