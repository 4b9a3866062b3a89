package dev.lookout.alert.channel.teams;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A Microsoft Teams incoming webhook or Power Automate workflow ("Post to a channel when a
 * webhook request is received").
 *
 * @param url     the webhook or workflow URL (its signature is the secret)
 * @param wording the title and sections, default or from {@code template:}
 */
record TeamsSettings(Secret<URI> url, Wording wording) {
}
