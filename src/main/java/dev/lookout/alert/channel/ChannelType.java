package dev.lookout.alert.channel;

import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import java.util.List;

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
     * The loader rejects the keys that neither it ({@code id}, {@code name}, {@code type}) nor
     * this type read.
     */
    Object read(ConfigNode channel);

    /** The type's own keys: every key {@link #read} reads, and nothing else (the JSON Schema of the file shows these). */
    List<ConfigKey> keys();

    Channel create(String id, Object settings, ChannelContext context);
}
