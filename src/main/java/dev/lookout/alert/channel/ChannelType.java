package dev.lookout.alert.channel;

import dev.lookout.config.ConfigNode;

/**
 * One kind of channel ({@code slack}, {@code email}, ...): how its keys are read and how a
 * channel is built. Adding a channel is writing one of these (with its channel class and settings
 * record, in their own file each) and registering it in {@link Channels}.
 */
public interface ChannelType {

    /** The value of {@code type:} in the configuration. */
    String name();

    /**
     * Reads this type's keys from a channel node, reporting every problem on the node (with
     * {@link ConfigNode#error}); returns the settings record, or null when unusable.
     * Must call {@link ConfigNode#rejectUnknownKeys()} after reading (id, type and name are
     * already claimed by the loader).
     */
    Object read(ConfigNode channel);

    Channel create(String id, Object settings, ChannelContext context);
}
