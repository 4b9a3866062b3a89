package dev.lookout.alert.channel.opsgenie;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;
import java.util.List;

/**
 * An Opsgenie API integration (Alert API v2).
 *
 * @param apiKey  the integration's API key, sent as {@code Authorization: GenieKey KEY}
 * @param url     the API base ({@code https://api.opsgenie.com}; EU: {@code https://api.eu.opsgenie.com})
 * @param tags    added to every alert created, besides {@code lookout} and the kind
 * @param wording the alert message and description, default or from {@code template:}
 */
record OpsgenieSettings(Secret<String> apiKey, URI url, List<String> tags, Wording wording) {

    OpsgenieSettings {
        tags = List.copyOf(tags);
    }
}
