package dev.lookout.config;

import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated and immutable configuration; a reload builds a new one.
 *
 * @param pages the status pages of {@code pages:}; empty when the file has none (then there is one
 *              default page, {@link PageConfig#standard})
 * @param probes the remote probes of {@code probes:}, the vantage points monitors may name
 * @param retention how long the audit log is kept ({@code retention:})
 * @param incidentTemplates the saved messages of the console's incident forms ({@code incident_templates:})
 * @param origins where each monitor is defined (the file's line, or the console) and the console's
 *                monitors left out
 */
public record LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns,
                            SchedulerConfig scheduler, HeartbeatConfig heartbeat, List<ComponentConfig> components,
                            List<MonitorConfig> monitors, List<ChannelConfig> channels, AlertingConfig alerting,
                            List<MaintenanceWindowConfig> maintenance, SubscriptionsConfig subscriptions,
                            List<PageConfig> pages, List<ProbeConfig> probes, AccountsConfig accounts,
                            RetentionConfig retention, List<IncidentTemplateConfig> incidentTemplates, MonitorOrigins origins) {

    public LookoutConfig {
        incidentTemplates = incidentTemplates == null ? List.of() : List.copyOf(incidentTemplates);
        origins = origins == null ? MonitorOrigins.NONE : origins;
        accounts = accounts == null ? AccountsConfig.DEFAULTS : accounts;
        retention = retention == null ? RetentionConfig.DEFAULTS : retention;
        probes = List.copyOf(probes);
        components = ById.of(components, ComponentConfig::id);
        monitors = ById.of(monitors, MonitorConfig::id);
        channels = ById.of(channels, ChannelConfig::id);
        maintenance = List.copyOf(maintenance);
        subscriptions = subscriptions == null ? SubscriptionsConfig.NONE : subscriptions;
        pages = List.copyOf(pages);
    }

    /** Built in code: no {@code incident_templates:}, no file lines to point at, no console monitors. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns,
                         SchedulerConfig scheduler, HeartbeatConfig heartbeat, List<ComponentConfig> components,
                         List<MonitorConfig> monitors, List<ChannelConfig> channels, AlertingConfig alerting,
                         List<MaintenanceWindowConfig> maintenance, SubscriptionsConfig subscriptions,
                         List<PageConfig> pages, List<ProbeConfig> probes, AccountsConfig accounts,
                         RetentionConfig retention) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                subscriptions, pages, probes, accounts, retention, List.of(), MonitorOrigins.NONE);
    }

    /** Without {@code retention:}: the defaults. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns,
                         SchedulerConfig scheduler, HeartbeatConfig heartbeat, List<ComponentConfig> components,
                         List<MonitorConfig> monitors, List<ChannelConfig> channels, AlertingConfig alerting,
                         List<MaintenanceWindowConfig> maintenance, SubscriptionsConfig subscriptions,
                         List<PageConfig> pages, List<ProbeConfig> probes, AccountsConfig accounts) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                subscriptions, pages, probes, accounts, RetentionConfig.DEFAULTS);
    }

    /** Without {@code accounts:}: the defaults. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns,
                         SchedulerConfig scheduler, HeartbeatConfig heartbeat, List<ComponentConfig> components,
                         List<MonitorConfig> monitors, List<ChannelConfig> channels, AlertingConfig alerting,
                         List<MaintenanceWindowConfig> maintenance, SubscriptionsConfig subscriptions,
                         List<PageConfig> pages, List<ProbeConfig> probes) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                subscriptions, pages, probes, AccountsConfig.DEFAULTS);
    }

    /** Without probes. */
    public LookoutConfig(String source, ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                         HeartbeatConfig heartbeat, List<ComponentConfig> components, List<MonitorConfig> monitors,
                         List<ChannelConfig> channels, AlertingConfig alerting, List<MaintenanceWindowConfig> maintenance,
                         SubscriptionsConfig subscriptions, List<PageConfig> pages) {
        this(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels, alerting, maintenance,
                subscriptions, pages, List.of());
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

    /** Whether the sections that change on restart only (server, storage, dns, scheduler) are those of {@code other}. */
    public boolean sameRestartSettings(LookoutConfig other) {
        return server.equals(other.server) && storage.equals(other.storage) && dns.equals(other.dns)
                && scheduler.equals(other.scheduler);
    }

    /** This configuration with the server, storage, dns and scheduler settings of {@code running}: what a reload applies. */
    public LookoutConfig withRestartSettingsOf(LookoutConfig running) {
        return copy(running.server, running.storage, running.dns, running.scheduler, monitors, origins);
    }

    /** This configuration with other monitors (the same origins: where each is defined). */
    public LookoutConfig withMonitors(List<MonitorConfig> other) {
        return copy(server, storage, dns, scheduler, other, origins);
    }

    /** This configuration with where its monitors are defined. */
    public LookoutConfig withOrigins(MonitorOrigins other) {
        return copy(server, storage, dns, scheduler, monitors, other);
    }

    /** The one copy that names every field: each wither changes only what it passes. */
    private LookoutConfig copy(ServerConfig server, StorageConfig storage, DnsConfig dns, SchedulerConfig scheduler,
                               List<MonitorConfig> monitors, MonitorOrigins origins) {
        return new LookoutConfig(source, server, storage, dns, scheduler, heartbeat, components, monitors, channels,
                alerting, maintenance, subscriptions, pages, probes, accounts, retention, incidentTemplates, origins);
    }

    /**
     * This file's configuration with the console's monitors beside the file's (each read by the
     * same reader, in the file's context): a console monitor whose id the file defines too, or that
     * the file no longer accepts, is left out and named in {@link MonitorOrigins#problems()}. The
     * console monitors this configuration had are replaced. A configuration built in code takes none.
     */
    public LookoutConfig withManagedMonitors(List<ManagedMonitor> managed) {
        return origins.acceptsManaged() ? origins.withManaged(managed) : this;
    }

    public Optional<ChannelConfig> channel(String id) {
        return ((ById<ChannelConfig>) channels).find(id);
    }

    public Optional<MonitorConfig> monitor(String id) {
        return ((ById<MonitorConfig>) monitors).find(id);
    }

    public Optional<ProbeConfig> probe(String name) {
        return probes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ComponentConfig> component(String id) {
        return ((ById<ComponentConfig>) components).find(id);
    }
}
