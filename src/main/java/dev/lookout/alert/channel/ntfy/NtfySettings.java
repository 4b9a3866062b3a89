package dev.lookout.alert.channel.ntfy;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;
import java.util.List;

/**
 * An ntfy topic.
 *
 * @param url     the server ({@code https://ntfy.sh} or your own)
 * @param topic   the topic name (on a public server, a topic is as secret as its name)
 * @param token   access token sent as {@code Authorization: Bearer}, or null
 * @param tags    tags (or emoji short codes) added to every message
 * @param wording title and body, default or from {@code template:}
 */
record NtfySettings(URI url, Secret<String> topic, Secret<String> token, List<String> tags, Wording wording) {

    NtfySettings {
        tags = List.copyOf(tags);
    }
}
