package dev.lookout.alert.channel.mattermost;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A Mattermost incoming webhook.
 *
 * @param url      the webhook URL ({@code https://HOST/hooks/KEY})
 * @param username sender name shown, or null (needs "override usernames" enabled on the server)
 * @param channel  channel name overriding the webhook's default, or null
 * @param iconUrl  sender icon, or null
 * @param wording  the title and sections, default or from {@code template:}
 */
record MattermostSettings(Secret<URI> url, String username, String channel, String iconUrl, Wording wording) {
}
