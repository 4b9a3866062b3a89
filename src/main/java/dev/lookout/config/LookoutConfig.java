package dev.lookout.config;

import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated and immutable configuration; a reload builds a new one.
 *
 * @param pages the status pages of {@code pages:}; empty when the file has none (then there is one
 *              default page, {@link PageConfig#standard})
 */
public record LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns,
                            SchedulerConfig scheduler, HeartbeatConfig heartbeat, List<ComponentConfig> components,
                            List<MonitorConfig> monitors, List<ChannelConfig> channels, AlertingConfig alerting,
                            List<MaintenanceWindowConfig> maintenance, SubscriptionsConfig subscriptions,
                            List<PageConfig> pages) {

    public LookoutConfig {
        components = List.copyOf(components);
        monitors = List.copyOf(monitors);
        channels = List.copyOf(channels);
        maintenance = List.copyOf(maintenance);
        subscriptions = subscriptions == null ? SubscriptionsConfig.NONE : subscriptions;
        pages = List.copyOf(pages);
    }

    /** Without {@code pages:}: the one default page. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                         HeartbeatConfig heartbeat, List<ComponentConfig> components, List<MonitorConfig> monitors,
                         List<ChannelConfig> channels, AlertingConfig alerting, List<MaintenanceWindowConfig> maintenance,
                         SubscriptionsConfig subscriptions) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                subscriptions, List.of());
    }

    /** Without subscriptions. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                         HeartbeatConfig heartbeat, List<ComponentConfig> components, List<MonitorConfig> monitors,
                         List<ChannelConfig> channels, AlertingConfig alerting, List<MaintenanceWindowConfig> maintenance,
                         List<PageConfig> pages) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                SubscriptionsConfig.NONE, pages);
    }

    /** Without subscriptions or pages. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                         HeartbeatConfig heartbeat, List<ComponentConfig> components, List<MonitorConfig> monitors,
                         List<ChannelConfig> channels, AlertingConfig alerting, List<MaintenanceWindowConfig> maintenance) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                SubscriptionsConfig.NONE, List.of());
    }

    /** Without maintenance windows. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                         HeartbeatConfig heartbeat, List<ComponentConfig> components, List<MonitorConfig> monitors,
                         List<ChannelConfig> channels, AlertingConfig alerting) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, List.of(),
                SubscriptionsConfig.NONE, List.of());
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
