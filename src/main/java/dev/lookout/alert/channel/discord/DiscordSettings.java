package dev.lookout.alert.channel.discord;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A Discord webhook.
 *
 * @param url      the webhook URL ({@code https://discord.com/api/webhooks/ID/TOKEN})
 * @param username shown as the sender instead of the webhook's name, or null
 * @param wording  the title and sections, default or from {@code template:}
 */
record DiscordSettings(Secret<URI> url, String username, Wording wording) {
}
