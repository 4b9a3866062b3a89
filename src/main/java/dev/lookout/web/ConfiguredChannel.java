package dev.lookout.web;

import dev.lookout.alert.channel.Channel;

/**
 * A channel of the configuration as the API and the console show it: its id, type and name, and
 * the channel built from it (which says where it sends without a secret, and sends the test message).
 */
public record ConfiguredChannel(String id, String type, String name, Channel channel) {

    /** Where it sends: scheme and host, or SMTP server and recipient count; never a token. */
    public String target() {
        return channel.target();
    }
}
