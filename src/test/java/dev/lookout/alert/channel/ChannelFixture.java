package dev.lookout.alert.channel;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/** Builds channels the way Lookout does: from YAML, through the loader and the registry. */
public final class ChannelFixture {

    private ChannelFixture() {
    }

    /** {@code channelYaml} is one entry of {@code channels:}, starting with {@code - id: ...}. */
    public static Channel channel(String channelYaml, Duration timeout) {
        return channel(channelYaml, timeout, Map.of());
    }

    public static Channel channel(String channelYaml, Duration timeout, Map<String, String> environment) {
        LookoutConfig config;
        try {
            config = load(channelYaml, environment);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return Channels.standard().create(config.channels().getFirst(), context(timeout));
    }

    public static LookoutConfig load(String channelYaml, Map<String, String> environment) throws ConfigException {
        String yaml = "channels:\n" + channelYaml.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
        return new ConfigLoader(CheckTypes.standard(), Channels.standard(), environment).parse("test.yaml", yaml);
    }

    public static ChannelContext context(Duration timeout) {
        return new ChannelContext(InstantSource.fixed(Messages.AT), timeout, "https://status.example.com", "node-1");
    }
}
