package dev.lookout.alert.channel;

import java.time.Duration;
import java.time.InstantSource;

/**
 * What every channel may use: the clock, how long one delivery attempt may take, and this
 * node's public address and name (for links and the vantage point).
 */
public record ChannelContext(InstantSource clock, Duration timeout, String publicUrl, String nodeName) {
}
