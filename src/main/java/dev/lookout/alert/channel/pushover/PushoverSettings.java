package dev.lookout.alert.channel.pushover;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A Pushover application sending to one user or group.
 *
 * @param token   the application's API token
 * @param user    the user or group key
 * @param device  one device name to send to, or null for all of the user's devices
 * @param url     the messages endpoint ({@code https://api.pushover.net/1/messages.json})
 * @param wording title and message, default or from {@code template:}
 */
record PushoverSettings(Secret<String> token, Secret<String> user, String device, URI url, Wording wording) {
}
