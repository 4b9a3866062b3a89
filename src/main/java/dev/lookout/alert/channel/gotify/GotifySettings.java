package dev.lookout.alert.channel.gotify;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A Gotify application.
 *
 * @param url     the Gotify server ({@code https://gotify.example.com})
 * @param token   the application token, sent as {@code X-Gotify-Key}
 * @param wording title and message, default or from {@code template:}
 */
record GotifySettings(URI url, Secret<String> token, Wording wording) {
}
