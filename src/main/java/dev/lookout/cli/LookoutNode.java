package dev.lookout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.alert.AckLinks;
import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.AlertInputs;
import dev.lookout.alert.DeadMansSwitch;
import dev.lookout.alert.SelfMonitor;
import dev.lookout.alert.StorageAlarm;
import dev.lookout.alert.AlertKind;
import dev.lookout.alert.VantageAlerts;
import dev.lookout.alert.OutboxSender;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.AddressResolver;
import dev.lookout.check.CheckContext;
import dev.lookout.cluster.Jobs;
import dev.lookout.cluster.Leadership;
import dev.lookout.cluster.ChangeSignals;
import dev.lookout.cluster.ConfigDrift;
import dev.lookout.cluster.Membership;
import dev.lookout.cluster.Ownership;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ChannelConfig;
import dev.lookout.config.ComponentConfig;
import dev.lookout.config.ConfigError;
import dev.lookout.config.ConsoleMonitors;
import dev.lookout.config.ManagedMonitor;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.config.VantageConfig;
import dev.lookout.control.MonitorControls;
import dev.lookout.evaluate.LatencyBaseline;
import dev.lookout.evaluate.MaintenanceCalendar;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.evaluate.ResultPipeline;
import dev.lookout.heartbeat.HeartbeatTimer;
import dev.lookout.heartbeat.Heartbeats;
import dev.lookout.incident.AutoIncidents;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentListener;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.Update;
import dev.lookout.incident.IncidentBoard;
import dev.lookout.incident.IncidentFilter;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenances;
import dev.lookout.incident.TimelineBuilder;
import dev.lookout.metrics.MetricsRegistry;
import dev.lookout.metrics.MonitorMetrics;
import dev.lookout.probe.ProbeResults;
import dev.lookout.probe.SecondOpinions;
import dev.lookout.probe.SilentProbes;
import dev.lookout.schedule.Scheduler;
import dev.lookout.schedule.Watchdog;
import dev.lookout.status.Badges;
import dev.lookout.status.ComponentCharts;
import dev.lookout.status.ResponseTimes;
import dev.lookout.status.StaticExporter;
import dev.lookout.status.StaticSite;
import dev.lookout.status.Pages;
import dev.lookout.status.StatusReadModel;
import dev.lookout.storage.StoreException;
import dev.lookout.store.MonitorRecord;
import dev.lookout.store.RollupPeriod;
import dev.lookout.store.Store;
import dev.lookout.store.StorageReport;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import dev.lookout.subscribe.SubscriberDelivery;
import dev.lookout.subscribe.SubscriberFanOut;
import dev.lookout.subscribe.SubscriberTokens;
import dev.lookout.subscribe.Subscriptions;
import dev.lookout.account.ApiKeys;
import dev.lookout.account.PasswordHashing;
import dev.lookout.account.Sessions;
import dev.lookout.account.SingleSignOn;
import dev.lookout.account.TwoFactor;
import dev.lookout.account.Users;
import dev.lookout.web.AccessGate;
import dev.lookout.web.AccountActions;
import dev.lookout.web.AccountApi;
import dev.lookout.web.ChannelActions;
import dev.lookout.web.ChannelApi;
import dev.lookout.web.ConfiguredChannel;
import dev.lookout.web.SubscriberActions;
import dev.lookout.web.AlertApi;
import dev.lookout.web.MonitorApi;
import dev.lookout.web.AuditTrail;
import dev.lookout.web.ConsolePages;
import dev.lookout.web.console.Console;
import dev.lookout.web.console.IncidentDesk;
import dev.lookout.web.console.MonitorBoard;
import dev.lookout.web.console.MonitorSources;
import dev.lookout.web.console.StateEvents;
import dev.lookout.web.BadgeApi;
import dev.lookout.web.FeedApi;
import dev.lookout.web.IncidentApi;
import dev.lookout.web.MonitorControlApi;
import dev.lookout.web.MaintenanceApi;
import dev.lookout.web.PingLogApi;
import dev.lookout.web.ProbeApi;
import dev.lookout.web.Readiness;
import dev.lookout.web.ClusterApi;
import dev.lookout.web.StorageApi;
import dev.lookout.web.VantageApi;
import dev.lookout.web.StatusPages;
import dev.lookout.web.StatuspageApi;
import dev.lookout.web.TimelineApi;
import dev.lookout.web.SsoPages;
import dev.lookout.web.TwoFactorPages;
import dev.lookout.web.SubscribeForm;
import dev.lookout.web.SubscriberApi;
import dev.lookout.web.WebServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lookout: wires configuration, checks, scheduler, evaluation, store and web by hand
 * (no container), applies reloads, and shuts down in order.
 */
final class LookoutNode implements AutoCloseable {
    /** How often the leader compares the live nodes' monitor configurations. */
    private static final Duration CONFIG_COMPARISON = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(LookoutNode.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** First runs after a start are spread over the interval, but no monitor waits more than this for its first check. */
    private static final Duration MAX_FIRST_RUN_DELAY = Duration.ofMinutes(1);
    /** How long one delivery attempt to a channel may take. */
    private static final Duration CHANNEL_TIMEOUT = Duration.ofSeconds(10);
    /** How long uptime and response-time badges are cached, here and by browsers. */
    private static final Duration BADGE_TTL = Duration.ofSeconds(30);
    /** How often scheduled maintenances are moved along; also how late a node sees another node's maintenance changes. */
    private static final Duration MAINTENANCE_TICK = Duration.ofSeconds(5);
    /** How often reminders, escalations and automatic incidents are looked at. */
    private static final Duration ALERT_TICK = Duration.ofSeconds(5);
    /**
     * How long an alert tick may take: far longer than a tick's work, as it may wait for the store
     * to write what it holds; an interrupted tick leaves its reminders to the next one.
     */
    private static final Duration ALERT_TICK_DEADLINE = Duration.ofMinutes(1);
    /** How often a node reads the states other nodes decided; also how late its pages show them. */
    private static final Duration FOLLOW_OTHER_NODES = Duration.ofSeconds(2);
    private static final String ACK_LINK_KEY = "ack-link-key";
    private static final String SUBSCRIBER_TOKEN_KEY = "subscriber-token-key";

    private final CheckTypes types;
    private final InstantSource clock;
    private final HeartbeatTimer heartbeatTimer;
    private final PrometheusMeterRegistry metrics = MetricsRegistry.create();
    /** The configuration as the file says it, loaded or reloaded. */
    private volatile LookoutConfig fileConfig;
    /** The file's configuration with the console's monitors, before the operators' pauses. */
    private volatile LookoutConfig desired;
    /** What the node runs: {@link #desired} with the operators' pauses ({@link MonitorControls#overlay}); every reader reads this. */
    private volatile LookoutConfig config;
    /** Operators' pauses, silences and checks asked for (issue 15). */
    private MonitorControls controls;
    /** The console's monitors as last read, and the mark of the table they were read with. */
    private volatile List<ManagedMonitor> managed = List.of();
    private volatile String managedMark = "";
    /** The console monitors' problems already logged, so that each is said once while it lasts. */
    private volatile java.util.Set<ConfigError> saidProblems = java.util.Set.of();
    /** How often a node looks whether the console's monitors changed (on any node). */
    private static final Duration MANAGED_MONITORS_POLL = Duration.ofSeconds(2);
    private Membership membership;
    private Leadership leadership;
    /** Which monitors this node checks; null until it has started, and then every result is this node's. */
    private volatile Ownership ownership;
    /** The node's periodic work; each job is closed in its turn, the runner after all of them. */
    private Jobs jobs;
    /** A configuration and the hash of its monitors, for the cluster's comparison of nodes' files. */
    private record ConfigHash(LookoutConfig config, String hash) {
    }

    /** One field, so that the beat thread never pairs one configuration with another's hash. */
    private volatile ConfigHash configHash;
    /** How often sign-ups nobody confirmed are looked for. */
    private static final Duration PURGE_UNCONFIRMED = Duration.ofMinutes(10);
    /** How often the leader deletes audit entries past retention.audit (a day at least: an hour is plenty). */
    private static final Duration AUDIT_PURGE = Duration.ofHours(1);
    /** A mass-failure guard asks the probes only while its node has been seen this recently (it writes every alert tick). */
    private static final Duration GUARDS_ALIVE_WITHIN = ALERT_TICK.multipliedBy(6);
    private Store store;
    private SecondOpinions secondOpinions;
    /** The keys of acknowledgement links and subscriber tokens (base64), kept to write them again into an accepted database. */
    private String ackLinkKey;
    private String subscriberTokenKey;
    private ResultPipeline pipeline;
    /** Each state change to the open dashboards ({@code /console/events}). */
    private final StateEvents consoleEvents = new StateEvents();
    private volatile Scheduler scheduler; // read by the cluster beat for its lag
    private Watchdog watchdog;
    private WebServer web;
    private Heartbeats heartbeats;
    private AlertEngine alerts;
    private SelfMonitor selfMonitor;
    private volatile AutoIncidents autoIncidents;
    /** What {@link #start} has started so far, closed in reverse by {@link #close} or by a start that fails. */
    private final StartOrder parts = new StartOrder();
    private final Channels channelTypes = Channels.standard();
    private final PasswordHashing passwords = new PasswordHashing();
    private volatile Map<String, Channel> channels = Map.of();
    private final Map<String, ChannelConfig> channelDefinitions = new ConcurrentHashMap<>();
    private Maintenances maintenances;

    LookoutNode(CheckTypes types, LookoutConfig config) {
        this(types, config, InstantSource.system(), null);
    }

    /**
     * @param clock          the domain clock (results, deadlines, store timestamps)
     * @param heartbeatTimer fires heartbeat deadlines; null for a real timer on {@code clock}
     */
    LookoutNode(CheckTypes types, LookoutConfig config, InstantSource clock, HeartbeatTimer heartbeatTimer) {
        this.types = types;
        this.fileConfig = config;
        this.desired = config;
        this.config = config;
        this.clock = clock;
        this.heartbeatTimer = heartbeatTimer != null ? heartbeatTimer : HeartbeatTimer.onExecutor(clock);
    }

    /**
     * Builds the parts and starts them in order, each after those it uses. When one cannot start
     * (the web server's port is taken, the database refuses), those already started are closed,
     * newest first, and the failure is thrown: no thread, connection or file is left behind.
     */
    LookoutNode start() {
        try {
            startParts();
            return this;
        } catch (RuntimeException | Error e) {
            log.warn("start failed, closing what was started: {}", e.toString());
            parts.close();
            throw e;
        }
    }

    private void startParts() {
        CheckContext context = new CheckContext(new AddressResolver(config.dns().servers()), clock);
        store = parts.started("store", Stores.openOrHold(config.storage().url(), StoreOptions.defaults()
                .withNode(config.server().nodeName()).withRawRetention(config.storage().resultRetention()).withClock(clock)
                .withStateFile(config.storage().stateFile()).withQueueCapacity(config.storage().bufferSize())));
        // The console's monitors run beside the file's from the start (a held database has none to give).
        managedMark = atStart("read whether the console's monitors changed", () -> store.managedMonitors().changeMark(),
                () -> "");
        managed = atStart("read the console's monitors", () -> store.managedMonitors().all(), List::of);
        desired = merged(fileConfig);
        config = desired;
        membership = parts.started("cluster membership", new Membership(store.members(), config.server().nodeName(),
                VersionCommand.version(), this::monitorConfigHash, () -> ownership == null ? 0 : ownership.ownedCount(),
                () -> scheduler == null ? 0 : Math.round(scheduler.stats(Duration.ofMinutes(1)).p99Millis()))
                .publishing(() -> this.config.monitors().stream().map(MonitorConfig::id).toList()).start());
        // On one node the lease is free at start: the node leads from its first moment, as it always did.
        leadership = parts.started("cluster leadership", new Leadership(store.leaderLease(), config.server().nodeName(),
                membership.instanceId()).start());
        jobs = parts.started("jobs", new Jobs(leadership));
        FunctionCounter.builder("lookout.store.results.written", store, s -> s.stats().resultsWritten())
                .description("Results written to the database").register(metrics);
        FunctionCounter.builder("lookout.store.write.errors", store, s -> s.stats().writeErrors())
                .description("Failed write attempts").register(metrics);
        FunctionCounter.builder("lookout.store.dropped", store, s -> s.stats().dropped())
                .description("Results dropped: queue full during a storage outage, refused by the database, or unwritten at shutdown")
                .register(metrics);
        Gauge.builder("lookout.store.pending", store, Store::pendingWrites)
                .description("Results and state changes queued, not yet written").register(metrics);
        // A held database (not the one this node was using) is read nothing from: new keys live in memory
        // and are written when an operator accepts it; episodes, states and heartbeat memory start empty.
        ackLinkKey = atStart("read the acknowledgement link key", () -> store.outbox().secret(ACK_LINK_KEY, LookoutNode::newKey),
                LookoutNode::newKey);
        subscriberTokenKey = atStart("read the subscriber token key",
                () -> store.outbox().secret(SUBSCRIBER_TOKEN_KEY, LookoutNode::newKey), LookoutNode::newKey);
        // Before anything else reads the accounts: a node with another key could not open the two-factor secrets.
        dev.lookout.account.SecretBox secretBox = secretBox();
        atStart("compare the secret key with the other nodes'", () -> {
            SharedSecretKey.check(secretBox, secretKeyFile(), store.outbox());
            return null;
        }, () -> null);
        AckLinks ackLinks = new AckLinks(java.util.Base64.getDecoder().decode(ackLinkKey), config.server().publicUrl(),
                config.alerting().ackLinkTtl());
        SubscriberTokens subscriberTokens = new SubscriberTokens(java.util.Base64.getDecoder().decode(subscriberTokenKey));
        SubscriberFanOut subscriberFanOut = new SubscriberFanOut(store.subscribers(), store.outbox(), () -> this.config, clock);
        maintenances = new Maintenances(store.incidents(), this::componentIds, clock);
        maintenances.addListener(subscriberFanOut);
        // State changes go to the alert engine, built next: it asks the pipeline which monitors are failing now.
        // Per-monitor series, read at each scrape; the pipeline only hands each result over.
        MonitorMetrics monitorMetrics = new MonitorMetrics(new MonitorMetrics.Sources(() -> this.config.monitors(),
                this::checkedHere, id -> pipeline.states().state(id), id -> pipeline.latest().get(id),
                id -> heartbeats == null ? Optional.empty() : heartbeats.status(id)), config.server().nodeName());
        metrics.getPrometheusRegistry().register(monitorMetrics);
        pipeline = new ResultPipeline(types, context, clock, result -> {
            store.append(result);
            monitorMetrics.record(result);
        }, this::hourlyHistory, change -> {
            consoleEvents.accept(change); // never waits: a slow dashboard is dropped, not waited for
            alerts.onStateChange(change);
        }, metrics, this::checkedHere);
        pipeline.storePointResults(store::appendPointResult); // for the other nodes' vantage points
        MonitorStates states = pipeline.states();
        controls = new MonitorControls(store.monitorControls(), id -> this.desired.monitor(id), clock, new ControlEffects());
        atStart("read the monitors' pauses and silences", () -> {
            controls.load();
            return true;
        }, () -> false);
        // The probes are asked about what any live node's guard holds (a probe may talk to another node of a cluster).
        secondOpinions = new SecondOpinions(() -> store.outbox().heldByGuards(clock.instant().minus(GUARDS_ALIVE_WITHIN)));
        AlertInputs alertInputs = new AlertInputs(new MaintenanceCalendar(() -> this.config, maintenances::inProgress),
                pipeline::failingNow, m -> !m.paused() && types.scheduled(m.type()) && checkedHere(m.id()),
                id -> controls.silence(id).map(dev.lookout.control.Silence::text), secondOpinions);
        alerts = new AlertEngine(() -> this.config, store.alerts(), clock, ackLinks, config.server().nodeName(), alertInputs);
        alerts.start();
        pipeline.onVantageSuspicion(new VantageAlerts(alerts));
        scheduler = parts.started("scheduler", new Scheduler(config.scheduler().maxConcurrentChecks(), MAX_FIRST_RUN_DELAY,
                pipeline::execute, pipeline::onResult, clock, RandomGenerator.getDefault(), metrics, this::checkedHere));
        heartbeats = parts.started("heartbeats", new Heartbeats(store.pings(), store.pingLog(), () -> store.health().status().ok(),
                () -> store.health().status().replaced(), pipeline::onResult, clock, heartbeatTimer));
        FunctionCounter.builder("lookout.heartbeat.pings.stored", heartbeats, Heartbeats::pingsStored)
                .description("Pings committed to the store").register(metrics);
        FunctionCounter.builder("lookout.heartbeat.pings.refused", heartbeats, Heartbeats::pingsRefused)
                .description("Pings answered 503 because they could not be stored").register(metrics);
        FunctionCounter.builder("lookout.heartbeat.ping.commits", heartbeats, Heartbeats::pingCommits)
                .description("Transactions that stored pings (stored / commits = pings per group commit)").register(metrics);
        watchdog = parts.started("watchdog", new Watchdog(scheduler, config.scheduler().lagThreshold(),
                Duration.ofMillis(500)).start());
        // Before the first results: which monitors are this node's. Their states are restored by apply, right after.
        ownership = parts.started("cluster ownership", new Ownership(membership::view, config.server().nodeName(),
                new MonitorHandover(store, states, alerts, scheduler, pipeline.latest())).start(config.monitors().stream()
                .map(MonitorConfig::id).toList()));
        syncMonitors(desired);
        config = apply(desired, true, "loaded");
        // Pauses and silences given on any node, pauses that end by themselves, checks asked for: acted on here.
        parts.started("monitor controls", jobs.schedule(Jobs.Job.of("monitor controls", Jobs.Scope.EVERY_NODE,
                FOLLOW_OTHER_NODES, this::refreshControls)));
        // After the trackers exist: the pings other nodes received, as they commit.
        store.pings().onStoredElsewhere(heartbeats::storedElsewhere);
        parts.started("other nodes' verdicts", jobs.schedule(Jobs.Job.of("other nodes' verdicts", Jobs.Scope.EVERY_NODE,
                FOLLOW_OTHER_NODES, new OtherNodesVerdicts(store, pipeline.states(), pipeline.latest(),
                () -> this.config.monitors().stream().map(MonitorConfig::id).toList(), this::checkedHere, clock,
                name -> this.config.probe(name).isPresent(), pipeline::onResult, pipeline::followVantagePoint))));
        SubscriberDelivery subscriberDelivery = new SubscriberDelivery(store.subscribers(), () -> channels, () -> this.config,
                subscriberTokens, new ChannelContext(clock, CHANNEL_TIMEOUT, config.server().publicUrl(), config.server().nodeName()));
        parts.started("outbox sender", new OutboxSender(store.outbox(), () -> channels, subscriberDelivery::recipient,
                () -> this.config.alerting(), config.server().nodeName(), clock, CHANNEL_TIMEOUT, RandomGenerator.getDefault())
                .start());
        // A sender that died holds its claims until the cluster sees it dead, not for the whole lease.
        parts.started("claims of dead nodes", jobs.schedule(Jobs.Job.of("claims of dead nodes", Jobs.Scope.LEADER,
                ALERT_TICK, this::releaseClaimsOfDeadNodes)));
        parts.started("alert ticks", jobs.schedule(Jobs.Job.of("alert ticks", Jobs.Scope.EVERY_NODE, ALERT_TICK,
                this::alertTick).deadline(ALERT_TICK_DEADLINE)));
        startStorageAlarm();
        selfMonitor = new SelfMonitor(watchdog::problem, alerts, clock, config.server().nodeName());
        if (config.alerting().deadMansSwitch() != null) {
            DeadMansSwitch deadMansSwitch = parts.started("dead man's switch", new DeadMansSwitch(
                    config.alerting().deadMansSwitch(), this::healthProblem, config.server().nodeName()).start());
            FunctionCounter.builder("lookout.dead_mans_switch.sent", deadMansSwitch, DeadMansSwitch::sent)
                    .description("Dead man's switch heartbeats sent").register(metrics);
            FunctionCounter.builder("lookout.dead_mans_switch.failed", deadMansSwitch, DeadMansSwitch::failed)
                    .description("Dead man's switch heartbeats that could not be sent").register(metrics);
            FunctionCounter.builder("lookout.dead_mans_switch.withheld", deadMansSwitch, DeadMansSwitch::withheld)
                    .description("Dead man's switch heartbeats withheld because this node has a problem").register(metrics);
        }
        Readiness readiness = new Readiness()
                .add("config", () -> Optional.empty())
                .add("store", this::storeProblem)
                .add("scheduler", watchdog::problem)
                .add("cluster", membership::problem)
                .detail("storage", () -> StorageReport.of(store))
                .detail("cluster", () -> java.util.Map.of("config_differs_from", ConfigDrift.differingFromSelf(membership)));
        // Said once, by the leader: the files of the live nodes differ (each node checks with its own meanwhile).
        ConfigDrift drift = new ConfigDrift(membership, (key, problem, text) -> alerts.systemAlert(key,
                problem ? AlertKind.MONITORING_SIDE_FAILURE : AlertKind.RECOVERED, text));
        parts.started("configuration comparison", jobs.schedule(Jobs.Job.of("configuration comparison", Jobs.Scope.LEADER,
                CONFIG_COMPARISON, drift)));
        Incidents incidents = new Incidents(store.incidents(), this::componentIds, clock);
        autoIncidents = new AutoIncidents(incidents, () -> this.config, states::state, clock);
        incidents.addListener(subscriberFanOut);
        parts.started("automatic incidents", jobs.schedule(Jobs.Job.of("automatic incidents", Jobs.Scope.LEADER, ALERT_TICK,
                this::autoIncidentTick)));
        // What the previous leader (or this node before a crash) stored and did not fan out: once per term.
        parts.started("subscriber catch-up", jobs.schedule(Jobs.Job.of("subscriber catch-up", Jobs.Scope.ONCE_PER_TERM,
                MAINTENANCE_TICK, () -> subscriberFanOut.catchUp(incidents.list(IncidentFilter.ALL, 100),
                        maintenances.recent(), clock.instant().minus(SubscriberFanOut.CATCH_UP))).firstAfter(Duration.ZERO)
                .deadline(Duration.ofMinutes(1))));
        parts.started("maintenance ticker", jobs.schedule(Jobs.Job.of("maintenance ticker", Jobs.Scope.LEADER,
                MAINTENANCE_TICK, () -> maintenances.advance(clock.instant())).firstAfter(Duration.ZERO)));
        parts.started("maintenance refresh", jobs.schedule(Jobs.Job.of("maintenance refresh", Jobs.Scope.EVERY_NODE,
                MAINTENANCE_TICK, maintenances::reread).firstAfter(Duration.ZERO)));
        // Other nodes' incident and maintenance changes rebuild this node's pages at once (not after a TTL).
        ChangeSignals signals = parts.started("change signals", store.changeSignals());
        AtomicLong heardChanges = new AtomicLong();
        signals.listen(topic -> {
            heardChanges.incrementAndGet();
            if (!topic.equals("incidents")) {
                maintenances.reread(); // they silence alerts here too
            }
        });
        IncidentListener announce = new IncidentListener() {
            @Override
            public void incidentChanged(Incident incident, List<Update> added) {
                signals.announce("incidents");
            }

            @Override
            public void maintenanceChanged(Maintenance maintenance, List<Update> added) {
                signals.announce("maintenances");
            }
        };
        incidents.addListener(announce);
        maintenances.addListener(announce);
        StatusReadModel status = new StatusReadModel(() -> this.config, states, store, pipeline.latest(), clock,
                Duration.ofSeconds(5), IncidentBoard.of(incidents, maintenances).alsoChangedBy(heardChanges::get));
        Pages pages = Pages.of(() -> this.config, status);
        TimelineBuilder timelines = new TimelineBuilder(store.monitorHistory(), component -> this.config.monitors().stream()
                .filter(m -> component.equals(m.componentId())).map(MonitorConfig::id).toList(), clock,
                TimelineBuilder.DEFAULT_LOOKBACK);
        BadgeApi badges = new BadgeApi(new Badges(() -> this.config, states, status::snapshot, store, clock, BADGE_TTL), BADGE_TTL);
        Subscriptions subscriptions = new Subscriptions(store.subscribers(), store.outbox(), () -> this.config, subscriberTokens,
                clock);
        // Once per cluster: sign-ups nobody confirmed within subscriptions.unconfirmed_expire are deleted.
        parts.started("unconfirmed subscribers", jobs.schedule(Jobs.Job.of("unconfirmed subscribers", Jobs.Scope.LEADER,
                PURGE_UNCONFIRMED, () -> {
                    int purged = subscriptions.purgeUnconfirmed();
                    if (purged > 0) {
                        log.info("deleted {} email subscribers that did not confirm in time", purged);
                    }
                })));
        // Once per cluster: audit entries older than retention.audit (read at each run: a reload may change it).
        parts.started("console monitors", jobs.schedule(Jobs.Job.of("console monitors", Jobs.Scope.EVERY_NODE,
                MANAGED_MONITORS_POLL, this::followManagedMonitors)));
        parts.started("audit retention", jobs.schedule(Jobs.Job.of("audit retention", Jobs.Scope.LEADER, AUDIT_PURGE, () -> {
            Instant before = clock.instant().minus(this.config.retention().audit());
            int purged = store.auditLog().purgeBefore(before);
            if (purged > 0) {
                log.info("deleted {} audit log entries older than {}", purged, before);
            }
        }).firstAfter(Duration.ofMinutes(1))));
        ProbeResults probeResults = startProbes();
        TwoFactor twoFactor = new TwoFactor(store.accounts(), passwords, clock, secretBox);
        try {
            int sealed = atStart("seal stored two-factor secrets", twoFactor::sealStoredSecrets, () -> 0);
            if (sealed > 0) {
                log.info("sealed {} two-factor secrets stored before secrets were encrypted", sealed);
            }
        } catch (dev.lookout.storage.StoreException e) {
            log.warn("start: could not seal stored two-factor secrets now (they still work; sealed at the next start): {}",
                    e.getMessage());
        }
        Sessions sessions = new Sessions(store.accounts(), passwords, () -> this.config.accounts(), clock, twoFactor);
        AccessGate gate = accessGate(sessions);
        ConsoleMonitors consoleMonitors = new ConsoleMonitors(store.managedMonitors(), () -> this.config, clock,
                this::rereadManagedMonitors);
        SingleSignOn sso = new SingleSignOn(store.accounts(), sessions, () -> this.config.accounts(),
                () -> SsoPages.redirectUri(this.config.server().publicUrl()), clock);
        AuditTrail auditTrail = new AuditTrail(store.auditLog(), clock);
        AccountActions accountActions = new AccountActions(new Users(store.accounts(), passwords, clock),
                new ApiKeys(store.accounts(), clock), twoFactor);
        ChannelActions channelActions = new ChannelActions(() -> {
            Map<String, Channel> built = channels;
            return this.config.channels().stream().filter(c -> built.containsKey(c.id()))
                    .map(c -> new ConfiguredChannel(c.id(), c.type(), c.name(), built.get(c.id()))).toList();
        }, () -> this.config.server().nodeName(), CHANNEL_TIMEOUT, clock);
        Console.Administration administration = new Console.Administration(channelActions, new SubscriberActions(subscriptions),
                accountActions, auditTrail);
        ResponseTimes responseTimes = new ResponseTimes(store, clock); // one cache for the status pages and the console
        MonitorSources consoleReads = new MonitorSources(new MonitorBoard(() -> this.config, states, pipeline.latest()),
                consoleEvents, status::monitor, pipeline::vantagePoints, store.monitorHistory(), responseTimes,
                store.pingLog(), () -> this.config);
        Console.Operations consoleOperations = new Console.Operations(controls, consoleMonitors, List.copyOf(types.names()),
                alerts, store.outbox(), new IncidentDesk(incidents, maintenances, timelines, () -> this.config));
        // Registered before it starts, so that a start that cannot bind the port is stopped as well.
        web = parts.started("web server", new WebServer(status, readiness, metrics, heartbeats, gate,
                List.of(auditTrail, new MonitorControlApi(controls), new ConsolePages(gate, sso::offered), new SsoPages(sso, gate),
                        new TwoFactorPages(twoFactor, gate),
                        new Console(consoleReads, consoleOperations, administration, clock),
                        new AccountApi(accountActions), new ChannelApi(channelActions, store.outbox()),
                        new MonitorApi(consoleMonitors, () -> this.config),
                        new StatusPages(pages, clock, new ComponentCharts(() -> this.config,
                        responseTimes, status::monitor, pipeline::vantagePoints)), new AlertApi(alerts, store.outbox(), ackLinks, clock), badges,
                        new IncidentApi(incidents), new MaintenanceApi(maintenances, clock), new StatuspageApi(pages, clock),
                        new TimelineApi(incidents, timelines), new FeedApi(pages), new PingLogApi(store.pingLog(), heartbeats,
                        id -> this.config.monitors().stream().anyMatch(m -> m.id().equals(id))), new SubscriberApi(subscriptions),
                        new SubscribeForm(pages, subscriptions), new ClusterApi(membership, leadership),
                        new VantageApi(() -> this.config, pipeline::vantagePoints, probeResults::unchecked), new StorageApi(() -> StorageReport.of(store),
                        store.health(), this::acceptNewDatabase), new ProbeApi(store.probes(), probeResults, () -> this.config,
                        clock, config.server().nodeName(), name -> membership.nodes().stream()
                                .anyMatch(n -> n.alive() && n.name().equals(name))))));
        parts.started("console events", consoleEvents); // closed before the web server: its open streams end at once
        web.start(config.server().host(), config.server().port());
        if (config.server().exportDir() != null) {
            // Every node: the directory is this node's own.
            StaticExporter exporter = new StaticExporter(StaticSite.of(config, web.port(), Duration.ofSeconds(10)),
                    config.server().exportDir());
            Duration every = config.server().exportEvery();
            parts.started("static export", jobs.schedule(Jobs.Job.of("static export", Jobs.Scope.EVERY_NODE, every,
                    exporter::exportIfChanged).firstAfter(Duration.ZERO)
                    .deadline(every.compareTo(Duration.ofMinutes(1)) > 0 ? every : Duration.ofMinutes(1))));
        }
    }

    /**
     * Who may call what: sessions and API keys from the shared database, and the deprecated
     * {@code server.admin_token} as an admin key (said once, at start).
     */
    private AccessGate accessGate(Sessions sessions) {
        String adminToken = config.server().adminToken();
        if (adminToken != null) {
            log.warn("server.admin_token is deprecated: it still works as an admin API key; create a key with"
                    + " `lookout api-key create --role admin NAME` and remove server.admin_token");
        }
        return new AccessGate(adminToken, sessions,
                new ApiKeys(store.accounts(), clock), config.accounts().trustedProxies(),
                config.server().publicUrl().startsWith("https://"));
    }

    /**
     * A read at start that a held database cannot answer (it is not the one this node was using,
     * see {@link Stores#openOrHold}): the node starts without what it would have read, and says so.
     * Any other failure stops the start.
     */
    /**
     * The key sealing two-factor secrets: {@code accounts.secret_key_file}, or {@code lookout.secret.key}
     * beside the state file, created at first start. A node cannot start without it: a secret it
     * could not seal or open would lock users out.
     */
    private dev.lookout.account.SecretBox secretBox() {
        java.nio.file.Path file = secretKeyFile();
        if (config.accounts().secretKeyFile() == null && !config.storage().url().startsWith("sqlite:")
                && !java.nio.file.Files.exists(file)) {
            log.warn("creating {}: nodes sharing this database need the same key, set accounts.secret_key_file on each", file);
        }
        try {
            return dev.lookout.account.SecretBox.fromKeyFile(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    private java.nio.file.Path secretKeyFile() {
        return config.accounts().secretKeyFile() != null ? config.accounts().secretKeyFile()
                : config.storage().stateFile().resolveSibling("lookout.secret.key");
    }

    private <T> T atStart(String what, java.util.function.Supplier<T> read, java.util.function.Supplier<T> without) {
        if (!store.health().status().replaced()) {
            return read.get();
        }
        log.warn("start: did not {}: the database is held until it is accepted", what);
        return without.get();
    }

    /**
     * An operator accepted the database as it is now (POST /api/v1/storage/accept-new): the store
     * migrates and remembers it, then what this node holds in memory and the database must keep is
     * written again: the monitors and the keys of acknowledgement links and subscriber tokens (links
     * already sent keep working). What waited in memory is written by the store's writer.
     */
    synchronized String acceptNewDatabase() {
        String id = store.acceptNewDatabase();
        store.syncMonitors(fileConfig.monitors().stream().map(LookoutNode::record).toList());
        store.outbox().secret(ACK_LINK_KEY, () -> ackLinkKey);
        store.outbox().secret(SUBSCRIBER_TOKEN_KEY, () -> subscriberTokenKey);
        try {
            SharedSecretKey.check(secretBox(), secretKeyFile(), store.outbox());
        } catch (StartRefused e) { // the node runs already: said loudly, the accepted database is kept
            log.error("accepted database: {}", e.getMessage());
        }
        rereadManagedMonitors(); // the accepted database's own console monitors
        return id;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /**
     * Remote probes (issue 14): the probe API stores their results and tells the listeners added
     * here (also of results other nodes stored); the leader says once when a probe falls silent.
     */
    private ProbeResults startProbes() {
        ProbeResults probeResults = new ProbeResults(store.probes(), () -> this.config, clock, config.server().nodeName())
                .withSecondOpinions(secondOpinions);
        // Each result is a vantage point's: the monitors this node checks move on the quorum (others drop it).
        probeResults.addListener((probe, results) -> results.forEach(result -> pipeline.onResult(probe, result)));
        probeResults.hearOtherNodes();
        // The silence the leader marks (below) takes a probe's votes away on every node, not only once they are stale.
        java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> silent = new java.util.concurrent.atomic.AtomicReference<>(
                java.util.Set.of());
        pipeline.silentProbes(name -> silent.get().contains(name));
        parts.started("silent probes read", jobs.schedule(Jobs.Job.of("silent probes read", Jobs.Scope.EVERY_NODE, ALERT_TICK,
                () -> silent.set(store.probes().probes().stream().filter(p -> p.silentSince() != null)
                        .map(dev.lookout.probe.ProbeRegistry.Probe::name).collect(java.util.stream.Collectors.toUnmodifiableSet())))));
        parts.started("silent probes", jobs.schedule(Jobs.Job.of("silent probes", Jobs.Scope.LEADER, ALERT_TICK,
                new SilentProbes(() -> this.config, store.probes(), clock, (key, problem, text) -> alerts.systemAlert(key,
                        problem ? AlertKind.MONITORING_SIDE_FAILURE : AlertKind.RECOVERED, text)))));
        return probeResults;
    }

    /** Ticks the storage alarm every second, on a thread of its own; its messages bypass the outbox. */
    private void startStorageAlarm() {
        StorageAlarm storageAlarm = parts.started("storage alarm", new StorageAlarm(new StorageAlarm.Storage(store.health()::status, store::stats,
                store.health().database(), config.storage().bufferSize()), () -> this.config.alerting(), () -> channels,
                clock, config.server().nodeName(), CHANNEL_TIMEOUT));
        Gauge.builder("lookout.storage.alarm.active", storageAlarm, a -> a.active() ? 1 : 0)
                .description("1 while the storage alarm has been raised and its recovery not yet said").register(metrics);
        FunctionCounter.builder("lookout.storage.alarm.messages", storageAlarm, StorageAlarm::delivered)
                .tag("result", "delivered").description("Storage alarm messages sent straight to a system channel, by result")
                .register(metrics);
        FunctionCounter.builder("lookout.storage.alarm.messages", storageAlarm, StorageAlarm::undeliverable)
                .tag("result", "undeliverable").description("Storage alarm messages sent straight to a system channel, by result")
                .register(metrics);
        // Every node reports its own storage. A run of its own: the alert ticks may wait for the very storage this one
        // reports on, and the runner never makes one job wait for another.
        parts.started("storage alarm ticks", jobs.schedule(Jobs.Job.of("storage alarm", Jobs.Scope.EVERY_NODE,
                Duration.ofSeconds(1), storageAlarm::tick).deadline(Duration.ofSeconds(10))));
    }

    /** Whether this node checks the monitor and decides its state now. */
    private boolean checkedHere(String monitorId) {
        Ownership owner = ownership;
        return owner == null || owner.owns(monitorId);
    }

    /** The leader's: notifications claimed by nodes that are no longer alive are claimable again. */
    private void releaseClaimsOfDeadNodes() {
        Membership.View view = membership.view().orElse(null);
        if (view == null || System.nanoTime() - view.sentNanos() >= Ownership.FENCE.toNanos()) {
            return; // not a fresh enough view to call anyone dead
        }
        int released = store.outbox().releaseClaimsExcept(view.live(), clock.instant());
        if (released > 0) {
            log.warn("alerting: {} notifications claimed by nodes that died are pending again", released);
        }
    }

    /** Why this node should not tell the outside world it is fine: its scheduler or its store. */
    private Optional<String> healthProblem() {
        return watchdog.problem().or(this::storeProblem);
    }

    private void alertTick() {
        try {
            alerts.tick();
            selfMonitor.tick();
        } catch (StoreException e) {
            if (store.health().status().ok()) {
                log.error("alerting: reminders and escalations could not be written: {}", e.getMessage());
            } // else the storage outage is logged once by the store, not every tick
        } catch (RuntimeException e) {
            log.error("alerting: reminders and escalations could not be written: {}", e.getMessage());
        }
    }

    /** The leader's: one node opens and resolves the automatic incidents, from the states it sees. */
    private void autoIncidentTick() {
        try {
            autoIncidents.tick();
        } catch (RuntimeException e) {
            log.error("automatic incidents could not be updated: {}", e.getMessage());
        }
    }

    private List<String> componentIds() {
        return config.components().stream().map(ComponentConfig::id).toList();
    }

    /** From memory (the health probe asks the database every second): /readyz never waits for storage. */
    private Optional<String> storeProblem() {
        try {
            store.checkWritable();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Applies a reloaded file with the console's monitors; sections that need a restart are kept and the difference logged. */
    synchronized void reload(LookoutConfig nextFile) {
        if (!nextFile.sameRestartSettings(config)) {
            log.warn("server, storage, dns and scheduler settings change only on restart; applying monitors and components now");
        }
        fileConfig = nextFile;
        applyMerged("reloaded");
    }

    /**
     * Reads the console's monitors again and applies them: after a write through this node's API at
     * once, and when {@link #followManagedMonitors} sees another node's write.
     */
    synchronized void rereadManagedMonitors() {
        // The mark first: a write between the two reads changes the mark again, and the next look rereads.
        managedMark = store.managedMonitors().changeMark();
        managed = store.managedMonitors().all();
        applyMerged("applied the console's monitors to");
    }

    /** Every node, every few seconds: one small query; the monitors are read again only when they changed. */
    private void followManagedMonitors() {
        if (store.health().status().replaced()) {
            return; // a held database is read nothing from until it is accepted
        }
        try {
            if (!store.managedMonitors().changeMark().equals(managedMark)) {
                rereadManagedMonitors();
            }
        } catch (StoreException e) {
            log.debug("console monitors not read: {}", e.getMessage()); // the storage's own alarm says it
        }
    }

    /** The file with the console's monitors: stored, then run with the operators' pauses. */
    private synchronized void applyMerged(String how) {
        LookoutConfig next = merged(fileConfig);
        desired = next;
        syncMonitors(next);
        config = apply(next, false, how);
    }

    /**
     * The file's configuration with the console's monitors, keeping the running server, storage, dns
     * and scheduler settings (they change on restart only); each console monitor left out is logged
     * once, with why (its id is in the file too, or the file no longer accepts it).
     */
    private LookoutConfig merged(LookoutConfig file) {
        LookoutConfig next = file.withManagedMonitors(managed);
        LookoutConfig running = config;
        if (!next.sameRestartSettings(running)) {
            next = next.withRestartSettingsOf(running);
        }
        java.util.Set<ConfigError> problems = java.util.Set.copyOf(next.origins().problems());
        for (ConfigError problem : next.origins().problems()) {
            if (!saidProblems.contains(problem)) {
                log.warn("console monitor left out: {}", problem);
            }
        }
        saidProblems = problems;
        return next;
    }

    /** Stores the monitors (a pause is no change of a monitor); a held database gets them when it is accepted. */
    private void syncMonitors(LookoutConfig unpaused) {
        if (!store.health().status().replaced()) {
            store.syncMonitors(unpaused.monitors().stream().map(LookoutNode::record).toList(), membership.monitorsElsewhere());
        }
    }

    /** Operators paused or resumed monitors (here or on another node), or a pause ended: the node runs them so. */
    private synchronized void applyPauses() {
        config = apply(desired, false, "paused or resumed monitors in");
    }

    /**
     * Applies the configuration (the file's with the console's monitors) with the operators' pauses;
     * returns what was applied.
     *
     * @param how "loaded", "reloaded", or what else made the node apply it, for the log
     */
    private LookoutConfig apply(LookoutConfig unpaused, boolean first, String how) {
        LookoutConfig next = withPauses(unpaused);
        List<MonitorConfig> monitors = next.monitors();
        applyChannels(next);
        if (!first) {
            ownership.configure(monitors.stream().map(MonitorConfig::id).toList());
        }
        long changed = pipeline.configure(monitors, next.probes(), next.alerting().massFailure(),
                first ? atStart("restore the monitors' states", store::lastStates, Map::of) : Map.of());
        // Heartbeat monitors are pushed, not pulled: no schedule; nor are those checked only from probes.
        scheduler.apply(monitors.stream().filter(m -> types.scheduled(m.type())
                && m.vantage().points(next.probes()).contains(VantageConfig.SERVER)).toList());
        heartbeats.configure(next.heartbeat(), monitors, pipeline.states()::state);
        log.info("{} {}: {} monitors ({} new or changed, {} paused), {} components", how, next.source(),
                monitors.size(), changed, monitors.stream().filter(MonitorConfig::paused).count(), next.components().size());
        return next;
    }

    /** The configuration with the operators' pauses as its monitors' {@code paused} flags; the same one when none holds. */
    private LookoutConfig withPauses(LookoutConfig file) {
        List<MonitorConfig> monitors = controls.overlay(file.monitors());
        if (monitors.equals(file.monitors())) {
            return file;
        }
        return file.withMonitors(monitors);
    }

    private void refreshControls() {
        try {
            controls.refresh();
        } catch (StoreException e) {
            if (store.health().status().ok()) {
                log.warn("monitor controls could not be read: {}", e.getMessage());
            } // else the storage outage is logged once by the store
        }
    }

    /** What the operators' controls do on this node. */
    private final class ControlEffects implements MonitorControls.Effects {
        @Override
        public void pausesChanged() {
            applyPauses();
        }

        @Override
        public boolean checkNow(String monitorId) {
            if (!checkedHere(monitorId) || !scheduler.scheduledMonitorIds().contains(monitorId)) {
                return false;
            }
            scheduler.runSoon(List.of(monitorId), Duration.ZERO);
            return true;
        }

        @Override
        public Optional<String> notCheckable(MonitorConfig monitor) {
            if (!types.scheduled(monitor.type())) {
                return Optional.of("monitor '" + monitor.id() + "' is a " + monitor.type()
                        + " monitor: it is not checked, it waits for pings");
            }
            if (!monitor.vantage().points(config.probes()).contains(VantageConfig.SERVER)) {
                return Optional.of("monitor '" + monitor.id() + "' is checked only from probes, which run on their own schedule");
            }
            return Optional.empty();
        }
    }

    /** Builds the channels that are new or changed; keeps the others. */
    private void applyChannels(LookoutConfig next) {
        ChannelContext channelContext = new ChannelContext(clock, CHANNEL_TIMEOUT, next.server().publicUrl(),
                next.server().nodeName());
        Map<String, Channel> built = new java.util.HashMap<>();
        for (ChannelConfig channel : next.channels()) {
            Channel existing = channels.get(channel.id());
            built.put(channel.id(), existing != null && channel.sameDefinition(channelDefinitions.get(channel.id())) ? existing
                    : channelTypes.create(channel, channelContext));
            channelDefinitions.put(channel.id(), channel);
        }
        channelDefinitions.keySet().retainAll(built.keySet());
        channels = Map.copyOf(built);
    }

    /**
     * A hash of the monitor-relevant configuration of the file (each monitor's definition before
     * environment substitution, its name, type and component): nodes whose files differ have
     * different hashes.
     */
    private String monitorConfigHash() {
        LookoutConfig current = fileConfig;
        ConfigHash known = configHash;
        if (known != null && known.config() == current) {
            return known.hash();
        }
        try {
            // The file's monitors only: the console's come from the shared database, so they differ between nodes
            // only for the seconds until each has read a change, which is no drift to alert on.
            byte[] json = JSON.writeValueAsBytes(current.monitors().stream()
                    .filter(m -> current.origins().of(m.id()).map(dev.lookout.config.MonitorOrigin::fromFile).orElse(true))
                    .map(LookoutNode::record)
                    .sorted(Comparator.comparing(MonitorRecord::id)).toList());
            String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json),
                    0, 8);
            configHash = new ConfigHash(current, hash);
            return hash;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the monitors' configuration", e);
        }
    }

    private static MonitorRecord record(MonitorConfig m) {
        try {
            return new MonitorRecord(m.id(), m.name(), m.type(), m.componentId(), JSON.writeValueAsString(m.definition()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("monitor definition is not serialisable", e);
        }
    }

    private List<LatencyBaseline.Hour> hourlyHistory(String monitorId, java.time.Instant from, java.time.Instant to) {
        return store.rollups(monitorId, RollupPeriod.Granularity.HOUR, from, to).stream()
                .map(r -> new LatencyBaseline.Hour(r.periodStart(), r.count() - r.failed(), r.latencyP95Millis())).toList();
    }

    int port() {
        return web.port();
    }

    /** The web server's route table, with each route's least role. */
    List<dev.lookout.web.Route> routes() {
        return web.routes();
    }

    /**
     * Stops scheduling first and lets running checks finish up to their deadline, then closes the
     * other parts in the reverse order of their start: the web server before what it serves, the
     * store last, after it has written what it holds.
     */
    @Override
    public void close() {
        log.info("shutting down");
        Duration grace = config.monitors().stream().map(MonitorConfig::timeout).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        if (grace.compareTo(config.server().shutdownGrace()) > 0) {
            grace = config.server().shutdownGrace();
        }
        if (scheduler != null) {
            scheduler.stop(grace); // closed again in its turn below, which then has nothing left to stop
        }
        parts.close();
        log.info("stopped");
    }
}
