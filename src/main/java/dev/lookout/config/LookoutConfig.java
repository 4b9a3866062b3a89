package dev.lookout.config;

import java.util.List;
import java.util.Optional;

/** A loaded, validated and immutable configuration; a reload builds a new one. */
public record LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns,
                            SchedulerConfig scheduler, HeartbeatConfig heartbeat, List<ComponentConfig> components,
                            List<MonitorConfig> monitors, List<ChannelConfig> channels, AlertingConfig alerting,
                            List<MaintenanceWindowConfig> maintenance, SubscriptionsConfig subscriptions) {

    public LookoutConfig {
        components = List.copyOf(components);
        monitors = List.copyOf(monitors);
        channels = List.copyOf(channels);
        maintenance = List.copyOf(maintenance);
        subscriptions = subscriptions == null ? SubscriptionsConfig.NONE : subscriptions;
    }

    /** Without subscriptions. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                         HeartbeatConfig heartbeat, List<ComponentConfig> components, List<MonitorConfig> monitors,
                         List<ChannelConfig> channels, AlertingConfig alerting, List<MaintenanceWindowConfig> maintenance) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                SubscriptionsConfig.NONE);
    }

    /** Without maintenance windows. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                         HeartbeatConfig heartbeat, List<ComponentConfig> components, List<MonitorConfig> monitors,
                         List<ChannelConfig> channels, AlertingConfig alerting) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, List.of(),
                SubscriptionsConfig.NONE);
    }

    public Optional<ChannelConfig> channel(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<MonitorConfig> monitor(String id) {
        return monitors.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<ComponentConfig> component(String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
