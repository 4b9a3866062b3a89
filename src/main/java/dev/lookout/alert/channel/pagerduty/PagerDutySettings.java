package dev.lookout.alert.channel.pagerduty;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.net.URI;

/**
 * A PagerDuty service's Events API v2 integration.
 *
 * @param routingKey the integration key of the service
 * @param url        the enqueue endpoint ({@code https://events.pagerduty.com/v2/enqueue})
 * @param wording    the event summary, default or from {@code template: {title}}
 */
record PagerDutySettings(Secret<String> routingKey, URI url, Wording wording) {
}
