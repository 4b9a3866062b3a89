package dev.lookout.config;

import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionParser;
import dev.lookout.condition.ConditionSyntaxException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code lookout.yaml} into a {@link LookoutConfig}: parses YAML with positions, substitutes
 * environment variables, validates every key and collects every error before giving up.
 */
public final class ConfigLoader {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** Room for well over 100,000 monitors. */
    static final int MAX_CONFIG_CODE_POINTS = 64 * 1024 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final MonitorTypes types;
    private final ChannelKinds channelKinds;
    private final EnvironmentSubstitution environment;

    /** A loader that knows no channel types (tests of monitors only). */
    public ConfigLoader(MonitorTypes types, Map<String, String> environment) {
        this(types, ChannelKinds.NONE, environment);
    }

    public ConfigLoader(MonitorTypes types, ChannelKinds channelKinds, Map<String, String> environment) {
        this.types = types;
        this.channelKinds = channelKinds;
        this.environment = new EnvironmentSubstitution(environment);
    }

    public LookoutConfig load(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigError(name, 0, 0, "", "file not found")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(name, 0, 0, "", "cannot read: " + e.getMessage())));
        }
        return parse(name, text);
    }

    public LookoutConfig parse(String fileName, String text) throws ConfigException {
        Node root = compose(fileName, text);
        ConfigErrors errors = new ConfigErrors(fileName);
        LookoutConfig config = build(fileName, root, errors);
        Map<String, MonitorOrigin> origins = fileOrigins(fileName, text, root);
        return config.withOrigins(new MonitorOrigins(origins, List.of(),
                managed -> merge(fileName, text, origins, managed)));
    }

    /** The YAML document with positions, or every YAML error. */
    private static Node compose(String fileName, String text) throws ConfigException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by ConfigNode with their position
            // SnakeYAML's default of 3 MB is about 25,000 monitors; the file is the operator's own, not untrusted input.
            options.setCodePointLimit(MAX_CONFIG_CODE_POINTS);
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new ConfigException(List.of(new ConfigError(fileName, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "", "invalid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new ConfigException(List.of(new ConfigError(fileName, 0, 0, "", "invalid YAML: " + e.getMessage())));
        }
        if (root == null) {
            throw new ConfigException(List.of(new ConfigError(fileName, 0, 0, "", "the file is empty")));
        }
        return root;
    }

    /**
     * The file with the console's monitors appended to its {@code monitors:} list, read as one
     * document (so a console monitor is checked exactly as an entry of the file would be). A console
     * monitor is left out, its errors kept as problems, when the file defines its id, when its
     * definition has errors in this file's context, or when the file has errors only with it; the
     * rest are read again without it.
     */
    private LookoutConfig merge(String fileName, String text, Map<String, MonitorOrigin> fileOrigins,
                                List<ManagedMonitor> managed) {
        List<ConfigError> problems = new ArrayList<>();
        Map<String, ManagedMonitor> candidates = new java.util.LinkedHashMap<>();
        for (ManagedMonitor monitor : managed) {
            MonitorOrigin inFile = fileOrigins.get(monitor.id());
            if (inFile != null) {
                problems.add(new ConfigError(monitor.sourceName(), 0, 0, "id", "'" + monitor.id() + "' is also defined in "
                        + inFile.describe() + "; the file's definition runs (delete this one, or remove it from the file)"));
            } else {
                definitionProblem(monitor).ifPresentOrElse(problems::add, () -> candidates.put(monitor.sourceName(), monitor));
            }
        }
        while (true) {
            Node root;
            try {
                root = compose(fileName, text);
            } catch (ConfigException e) {
                throw new IllegalStateException("the file changed under its configuration", e);
            }
            int fileCount = splice(root, candidates.values());
            ConfigErrors errors = new ConfigErrors(fileName).splicing(fileCount, List.copyOf(candidates.keySet()));
            try {
                LookoutConfig merged = build(fileName, root, errors);
                Map<String, MonitorOrigin> origins = new java.util.HashMap<>(fileOrigins);
                candidates.values().forEach(m -> origins.put(m.id(), new MonitorOrigin(m.sourceName(), 0, m.definition(), m)));
                return merged.withOrigins(new MonitorOrigins(origins, problems,
                        next -> merge(fileName, text, fileOrigins, next)));
            } catch (ConfigException e) {
                List<ConfigError> theirs = e.errors().stream().filter(err -> candidates.containsKey(err.file())).toList();
                if (theirs.isEmpty()) {
                    // The file's own errors appear only with them (a cycle through a console monitor): all are left out.
                    String first = e.errors().getFirst().toString();
                    candidates.values().forEach(m -> problems.add(new ConfigError(m.sourceName(), 0, 0, "",
                            "left out: with the console's monitors the file has errors, the first: " + first)));
                    candidates.clear();
                } else {
                    problems.addAll(theirs);
                    theirs.forEach(err -> candidates.remove(err.file()));
                }
            }
        }
    }

    /** What makes a console monitor's text unusable before it is read: not YAML, not a mapping, another id, a variable. */
    private static java.util.Optional<ConfigError> definitionProblem(ManagedMonitor monitor) {
        String name = monitor.sourceName();
        if (monitor.definition().contains("${")) {
            return java.util.Optional.of(new ConfigError(name, 0, 0, "", "environment variables (${...}) are substituted in"
                    + " the configuration file only: put a monitor that needs a secret there"));
        }
        Node node;
        try {
            node = compose(name, monitor.definition());
        } catch (ConfigException e) {
            return java.util.Optional.of(e.errors().getFirst());
        }
        if (!(node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
            return java.util.Optional.of(new ConfigError(name, 1, 1, "", "expected a monitor (a mapping with id, type, ...)"));
        }
        for (var tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key && key.getValue().equals("id")
                    && !(tuple.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode id
                    && id.getValue().equals(monitor.id()))) {
                var mark = tuple.getValueNode().getStartMark();
                return java.util.Optional.of(new ConfigError(name, mark.getLine() + 1, mark.getColumn() + 1, "id",
                        "must stay '" + monitor.id() + "' (create a new monitor for another id)"));
            }
        }
        return java.util.Optional.empty();
    }

    /** Appends the monitors' nodes to the document's {@code monitors:} list; returns how many the file had. */
    private static int splice(Node root, java.util.Collection<ManagedMonitor> monitors) {
        if (monitors.isEmpty() || !(root instanceof org.yaml.snakeyaml.nodes.MappingNode top)) {
            return 0;
        }
        List<Node> added = new ArrayList<>();
        for (ManagedMonitor monitor : monitors) {
            try {
                added.add(compose(monitor.sourceName(), monitor.definition()));
            } catch (ConfigException e) {
                throw new IllegalStateException("checked before", e);
            }
        }
        for (var tuple : top.getValue()) {
            if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key && key.getValue().equals("monitors")
                    && tuple.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode list) {
                int count = list.getValue().size();
                list.getValue().addAll(added);
                return count;
            }
        }
        // No monitors: in the file (a list of another kind is the file's error, reported without these).
        top.getValue().removeIf(t -> t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key
                && key.getValue().equals("monitors"));
        var mark = added.getFirst().getStartMark();
        top.getValue().add(new org.yaml.snakeyaml.nodes.NodeTuple(
                new org.yaml.snakeyaml.nodes.ScalarNode(org.yaml.snakeyaml.nodes.Tag.STR, "monitors", mark, mark,
                        org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN),
                new org.yaml.snakeyaml.nodes.SequenceNode(org.yaml.snakeyaml.nodes.Tag.SEQ, true, added, mark, mark,
                        org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK)));
        return 0;
    }

    /** One entry of a {@code monitors:} list as written, and the line it starts on. */
    public record MonitorEntry(String id, int line, String yaml) {
    }

    /**
     * The entries of a file's {@code monitors:} list as written (what {@code lookout export-config}
     * writes), to be read as console monitors beside another file; an entry without an id is
     * skipped (reading it reports that). Throws when the text is not YAML.
     */
    public static List<MonitorEntry> monitorEntries(String fileName, String text) throws ConfigException {
        Node root = compose(fileName, text);
        return fileOrigins(fileName, text, root).entrySet().stream()
                .map(e -> new MonitorEntry(e.getKey(), e.getValue().line(), e.getValue().yaml()))
                .sorted(java.util.Comparator.comparingInt(MonitorEntry::line)).toList();
    }

    /** Each file monitor's line and its entry as written (dedented), by id. */
    private static Map<String, MonitorOrigin> fileOrigins(String fileName, String text, Node root) {
        Map<String, MonitorOrigin> out = new java.util.HashMap<>();
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode top)) {
            return out;
        }
        boolean plain = text.codePoints().count() == text.length(); // SnakeYAML's indexes count code points
        for (var tuple : top.getValue()) {
            if (!(tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key && key.getValue().equals("monitors")
                    && tuple.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode list)) {
                continue;
            }
            for (Node entry : list.getValue()) {
                if (!(entry instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
                    continue;
                }
                String id = null;
                for (var t : mapping.getValue()) {
                    if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals("id")
                            && t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode v) {
                        id = v.getValue();
                    }
                }
                if (id != null) {
                    out.putIfAbsent(id, new MonitorOrigin(fileName, entry.getStartMark().getLine() + 1,
                            asWritten(text, entry, plain), null));
                }
            }
        }
        return out;
    }

    /** The entry's text as written, with the indentation of its later lines taken back to its first line's. */
    static String asWritten(String text, Node entry, boolean plain) {
        int start = entry.getStartMark().getIndex();
        int end = entry.getEndMark().getIndex();
        if (!plain) {
            start = text.offsetByCodePoints(0, start);
            end = text.offsetByCodePoints(0, end);
        }
        int indent = entry.getStartMark().getColumn();
        StringBuilder out = new StringBuilder();
        for (String line : text.substring(start, Math.min(end, text.length())).stripTrailing().split("\n", -1)) {
            int strip = 0;
            while (out.length() > 0 && strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
                strip++;
            }
            out.append(line.substring(strip)).append('\n');
        }
        return out.toString();
    }

    /** The configuration of a composed document, or every error. */
    private LookoutConfig build(String fileName, Node root, ConfigErrors errors) throws ConfigException {
        ConfigNode top = new ConfigNode(root, "", null, errors, environment);
        if (!top.isMapping()) {
            top.error("expected a mapping with server, storage, components and monitors");
            throw new ConfigException(errors.list());
        }
        ServerConfig server = server(top.get("server"));
        StorageConfig storage = storage(top.get("storage"), fileName);
        DnsConfig dns = dns(top.get("dns"));
        SchedulerConfig scheduler = scheduler(top.get("scheduler"));
        HeartbeatConfig heartbeat = heartbeat(top.get("heartbeat"));
        List<ComponentConfig> components = components(top.get("components"));
        List<ProbeConfig> probes = VantageConfigReader.probes(top.get("probes"), server.nodeName());
        List<MonitorConfig> monitors = monitors(top.get("monitors"), components, probes);
        List<ChannelConfig> channels = channels(top.get("channels"));
        checkDependencies(top.get("monitors"), monitors);
        monitors = withComponentDependencies(top.get("components"), components, monitors);
        AlertingConfig alerting = new AlertingConfigReader(channels, monitors, components).read(top.get("alerting"));
        List<MaintenanceWindowConfig> maintenance = new MaintenanceConfigReader(monitors, components)
                .read(top.get("maintenance"));
        SubscriptionsConfig subscriptions = new SubscriptionsConfigReader(channels).read(top.get("subscriptions"));
        List<PageConfig> pages = new PageConfigReader(components, directoryOf(fileName)).read(top.get("pages"));
        AccountsConfig accounts = new AccountsConfigReader(directoryOf(fileName)).read(top.get("accounts"));
        RetentionConfig retention = new RetentionConfigReader().read(top.get("retention"));
        List<IncidentTemplateConfig> incidentTemplates = new IncidentTemplatesReader().read(top.get("incident_templates"));
        top.rejectUnknownKeys(LookoutShape.top(types, channelKinds));
        if (!errors.isEmpty()) {
            throw new ConfigException(errors.list());
        }
        return new LookoutConfig(fileName, server, storage, dns, scheduler, heartbeat, components, monitors, channels,
                alerting, maintenance, subscriptions, pages, probes, accounts, retention, incidentTemplates, MonitorOrigins.NONE);
    }

    /** The directory of the configuration file, against which page logo files are resolved. */
    private static Path directoryOf(String fileName) {
        try {
            Path parent = Path.of(fileName).toAbsolutePath().getParent();
            return parent == null ? Path.of("").toAbsolutePath() : parent;
        } catch (java.nio.file.InvalidPathException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private ServerConfig server(ConfigNode node) {
        String listen = node.string("listen", "127.0.0.1:8080");
        String host = "127.0.0.1";
        int port = 8080;
        int colon = listen.lastIndexOf(':');
        try {
            String portText = colon >= 0 ? listen.substring(colon + 1) : listen;
            host = colon > 0 ? listen.substring(0, colon).replace("[", "").replace("]", "") : colon == 0 ? "0.0.0.0" : host;
            port = Integer.parseInt(portText);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            node.get("listen").error("'" + listen + "' is not host:port (e.g. 127.0.0.1:8080 or :8080)");
        }
        String publicUrl = node.string("public_url", "http://localhost:" + port);
        checkUrl(node.get("public_url"), publicUrl);
        String nodeName = node.string("node_name", defaultNodeName());
        Duration grace = node.duration("shutdown_grace", Duration.ofSeconds(10));
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(10)) > 0) {
            node.get("shutdown_grace").error("must be between 0s and 10m");
        }
        String adminToken = node.string("admin_token").filter(t -> !t.isEmpty()).orElse(null);
        if (adminToken != null && (adminToken.length() < 16 || adminToken.chars().anyMatch(Character::isWhitespace))) {
            node.get("admin_token").error("must be at least 16 characters without spaces (e.g. from `openssl rand -hex 32`)");
            adminToken = null;
        }
        java.nio.file.Path exportDir = node.string("export_dir").filter(d -> !d.isBlank()).map(java.nio.file.Path::of)
                .orElse(null);
        Duration exportEvery = node.duration("export_every", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofHours(1));
        node.rejectUnknownKeys(LookoutShape.SERVER.keys());
        return new ServerConfig(host, port, publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl,
                nodeName, grace, adminToken, exportDir, exportEvery);
    }

    private static String defaultNodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "lookout";
        }
    }

    private StorageConfig storage(ConfigNode node, String fileName) {
        String url = node.string("url", "sqlite:./data/lookout.db");
        storageUrlProblem(url).ifPresent(problem -> node.get("url").error(problem));
        Duration retention = node.duration("result_retention", Duration.ofDays(14));
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            node.get("result_retention").error("must be at least 1h");
        }
        int bufferSize = node.integer("buffer_size", StorageConfig.DEFAULT_BUFFER_SIZE, 1_000, 10_000_000);
        String stateFile = node.string("state_file", null);
        Path state = null;
        if (stateFile != null) {
            try {
                state = directoryOf(fileName).resolve(stateFile);
            } catch (java.nio.file.InvalidPathException e) {
                node.get("state_file").error("'" + stateFile + "' is not a file path: " + e.getReason());
            }
        }
        node.rejectUnknownKeys(LookoutShape.STORAGE.keys());
        return new StorageConfig(url, retention, state != null ? state : defaultStateFile(url, fileName), bufferSize);
    }

    /**
     * Beside the SQLite file ({@code lookout.db.identity}: it outlives the file being deleted or
     * replaced), or beside the configuration for a database server ({@code lookout.identity} for
     * {@code lookout.yaml}).
     */
    private static Path defaultStateFile(String url, String fileName) {
        try {
            if (url.startsWith("sqlite:")) {
                String path = url.substring("sqlite:".length());
                return Path.of((path.startsWith("//") ? path.substring(2) : path) + ".identity");
            }
            String name = Path.of(fileName).getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return directoryOf(fileName).resolve(name + ".identity");
        } catch (java.nio.file.InvalidPathException | NullPointerException e) {
            return null; // the URL or file name is already reported, or there is no file to be beside
        }
    }

    private static java.util.Optional<String> storageUrlProblem(String url) {
        String usage = " (use sqlite:PATH or postgresql://user:password@host:port/database)";
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            if (path.isBlank() || path.startsWith(":memory:")) {
                return java.util.Optional.of("'" + url + "' names no database file" + usage);
            }
            return java.util.Optional.empty();
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
                    return java.util.Optional.of("'" + redactPassword(url) + "' needs a host and a database name" + usage);
                }
                return java.util.Optional.empty();
            } catch (java.net.URISyntaxException e) {
                return java.util.Optional.of("'" + redactPassword(url) + "' is not a URL: " + e.getReason() + usage);
            }
        }
        return java.util.Optional.of("'" + redactPassword(url) + "' is not a storage URL" + usage);
    }

    /** Error messages end up in logs: never print a database password. */
    private static String redactPassword(String url) {
        return url.replaceAll("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    private DnsConfig dns(ConfigNode node) {
        List<String> servers = node.stringList("servers");
        for (String server : servers) {
            if (!server.matches("\\[?[0-9A-Fa-f:.]+]?(:\\d{1,5})?")) {
                node.get("servers").error("'" + server + "' is not an IP address with an optional :port");
            }
        }
        node.rejectUnknownKeys(LookoutShape.DNS.keys());
        return new DnsConfig(servers);
    }

    private SchedulerConfig scheduler(ConfigNode node) {
        int max = node.integer("max_concurrent_checks", 2000, 1, 100_000);
        Duration lag = node.duration("lag_threshold", Duration.ofSeconds(5));
        if (lag.compareTo(Duration.ofMillis(100)) < 0) {
            node.get("lag_threshold").error("must be at least 100ms");
        }
        node.rejectUnknownKeys(LookoutShape.SCHEDULER.keys());
        return new SchedulerConfig(max, lag);
    }

    private HeartbeatConfig heartbeat(ConfigNode node) {
        String pingKey = node.string("ping_key").orElse(null);
        if (pingKey != null && !pingKey.matches("[A-Za-z0-9_-]{8,100}")) {
            node.get("ping_key").error("must be 8 to 100 letters, digits, '_' or '-'");
            pingKey = null;
        }
        node.rejectUnknownKeys(LookoutShape.HEARTBEAT.keys());
        return new HeartbeatConfig(pingKey);
    }

    private List<ComponentConfig> components(ConfigNode node) {
        List<ComponentConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode c : node.elements()) {
            String id = id(c, ids);
            String name = c.string("name", id);
            String group = c.string("group", "");
            String description = c.string("description", "");
            List<String> dependsOn = c.stringList("depends_on");
            ComponentConfig.AutoIncident auto = c.has("auto_incident") ? autoIncident(c.get("auto_incident")) : null;
            c.rejectUnknownKeys(LookoutShape.COMPONENT.keys());
            if (id != null) {
                out.add(new ComponentConfig(id, name, group, description, dependsOn, auto));
            }
        }
        return out;
    }

    /** {@code auto_incident: true} for the defaults, or a mapping with {@code after}, {@code resolve_after}, {@code impact}. */
    private static ComponentConfig.AutoIncident autoIncident(ConfigNode node) {
        ComponentConfig.AutoIncident d = ComponentConfig.AutoIncident.DEFAULT;
        if (!node.isMapping()) {
            String text = node.text().orElse("");
            if (!text.equals("true") && !text.equals("false")) {
                node.error("expected true, false or a mapping with after, resolve_after and impact");
            }
            return text.equals("true") ? d : null;
        }
        Duration after = node.duration("after", d.after(), Duration.ofSeconds(30), Duration.ofDays(1));
        Duration resolveAfter = node.duration("resolve_after", d.resolveAfter(), Duration.ofMinutes(1), Duration.ofDays(7));
        String impact = node.string("impact", d.impact());
        if (!List.of("none", "minor", "major", "critical").contains(impact)) {
            node.get("impact").error("unknown impact '" + impact + "' (known: none, minor, major, critical)");
        }
        node.rejectUnknownKeys(LookoutShape.AUTO_INCIDENT.keys());
        return new ComponentConfig.AutoIncident(after, resolveAfter, impact);
    }

    /** Every {@code depends_on} names a monitor, and no monitor depends on itself through others. */
    private static void checkDependencies(ConfigNode nodes, List<MonitorConfig> monitors) {
        Map<String, MonitorConfig> byId = byId(monitors);
        Map<String, ConfigNode> nodeById = nodesById(nodes);
        for (MonitorConfig monitor : monitors) {
            ConfigNode node = nodeById.get(monitor.id()).get("depends_on");
            for (String parent : monitor.dependsOn()) {
                if (!byId.containsKey(parent)) {
                    node.error("no monitor with id '" + parent + "'");
                } else if (reaches(byId, parent, monitor.id(), new HashSet<>())) {
                    node.error("'" + parent + "' depends on '" + monitor.id() + "' (directly or through others): a cycle");
                }
            }
        }
    }

    /**
     * A component's {@code depends_on} applies to each of its monitors (except a monitor on the
     * list itself): checked like a monitor's own list, then merged into it.
     */
    private static List<MonitorConfig> withComponentDependencies(ConfigNode nodes, List<ComponentConfig> components,
                                                                 List<MonitorConfig> monitors) {
        Map<String, MonitorConfig> byId = byId(monitors);
        Map<String, ConfigNode> nodeById = nodesById(nodes);
        Map<String, List<String>> extra = new java.util.HashMap<>();
        for (ComponentConfig component : components) {
            ConfigNode node = nodeById.get(component.id()).get("depends_on");
            for (String parent : component.dependsOn()) {
                if (!byId.containsKey(parent)) {
                    node.error("no monitor with id '" + parent + "'");
                    continue;
                }
                for (MonitorConfig child : monitors) {
                    if (!component.id().equals(child.componentId()) || child.id().equals(parent)) {
                        continue;
                    }
                    if (reaches(byId, parent, child.id(), new HashSet<>())) {
                        node.error("'" + parent + "' depends on '" + child.id() + "' (a monitor of this component): a cycle");
                    } else {
                        extra.computeIfAbsent(child.id(), k -> new ArrayList<>()).add(parent);
                    }
                }
            }
        }
        if (extra.isEmpty()) {
            return monitors;
        }
        List<MonitorConfig> out = new ArrayList<>();
        for (MonitorConfig m : monitors) {
            List<String> more = extra.get(m.id());
            if (more == null) {
                out.add(m);
                continue;
            }
            java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(m.dependsOn());
            all.addAll(more);
            out.add(m.withDependsOn(List.copyOf(all)));
        }
        return out;
    }

    private static Map<String, MonitorConfig> byId(List<MonitorConfig> monitors) {
        Map<String, MonitorConfig> byId = new java.util.HashMap<>();
        monitors.forEach(m -> byId.put(m.id(), m));
        return byId;
    }

    /** The YAML node of each entry of a list by its id (the first one, when an id is repeated: that is reported elsewhere). */
    private static Map<String, ConfigNode> nodesById(ConfigNode list) {
        Map<String, ConfigNode> nodeById = new java.util.HashMap<>();
        for (ConfigNode n : list.elements()) {
            n.string("id").ifPresent(id -> nodeById.putIfAbsent(id, n));
        }
        return nodeById;
    }

    private static boolean reaches(Map<String, MonitorConfig> byId, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        MonitorConfig m = byId.get(from);
        if (m == null || !seen.add(from)) {
            return false;
        }
        return m.dependsOn().stream().anyMatch(next -> reaches(byId, next, target, seen));
    }

    private List<ChannelConfig> channels(ConfigNode node) {
        List<ChannelConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode c : node.elements()) {
            if (!c.isMapping()) {
                c.error("expected a channel (a mapping with id, type, ...)");
                continue;
            }
            String id = id(c, ids);
            String name = c.string("name", id);
            String type = c.requiredString("type").orElse(null);
            if (type != null && !channelKinds.names().contains(type)) {
                c.get("type").error("unknown channel type '" + type + "' (known: "
                        + String.join(", ", channelKinds.names().stream().sorted().toList()) + ")");
                c.rejectUnknownKeys(LookoutShape.CHANNEL);
                continue;
            }
            Object settings = type == null ? null : channelKinds.read(type, c);
            if (type != null) {
                c.rejectUnknownKeys(concat(LookoutShape.CHANNEL, channelKinds.keys(type)));
            }
            if (id != null && type != null && settings != null) {
                out.add(new ChannelConfig(id, type, name, settings, c.raw()));
            }
        }
        return out;
    }

    private List<MonitorConfig> monitors(ConfigNode node, List<ComponentConfig> components, List<ProbeConfig> probes) {
        List<MonitorConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> componentIds = new HashSet<>();
        components.forEach(c -> componentIds.add(c.id()));
        for (ConfigNode m : node.elements()) {
            MonitorConfig monitor = monitor(m, ids, componentIds, probes);
            if (monitor != null) {
                out.add(monitor);
            }
        }
        return out;
    }

    private MonitorConfig monitor(ConfigNode m, Set<String> ids, Set<String> componentIds, List<ProbeConfig> probes) {
        if (!m.isMapping()) {
            m.error("expected a monitor (a mapping with id, type, ...)");
            return null;
        }
        String id = id(m, ids);
        String name = m.string("name", id);
        String description = m.string("description", "");
        String type = m.requiredString("type").orElse(null);
        if (type != null && !types.names().contains(type)) {
            m.get("type").error("unknown type '" + type + "' (known: " + String.join(", ", types.names().stream().sorted().toList()) + ")");
            type = null;
        }
        boolean scheduled = type == null || types.scheduled(type);
        if (!scheduled) {
            for (String key : List.of("interval", "timeout")) {
                if (m.has(key)) {
                    m.get(key).error("'" + key + "' does not apply to " + type + " monitors: they are pushed, not checked"
                            + " (use schedule:)");
                }
            }
        }
        Duration interval = scheduled ? m.duration("interval", DEFAULT_INTERVAL) : DEFAULT_INTERVAL;
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            m.get("interval").error("must be at least 1s");
        }
        Duration timeout = scheduled ? m.duration("timeout", interval.compareTo(DEFAULT_TIMEOUT) < 0 ? interval : DEFAULT_TIMEOUT)
                : DEFAULT_TIMEOUT;
        if (timeout.isZero() || timeout.isNegative()) {
            m.get("timeout").error("must be positive");
        } else if (timeout.compareTo(interval) > 0) {
            m.get("timeout").error("must not be longer than the interval (" + dev.lookout.condition.Durations.format(interval) + ")");
        }
        String component = m.string("component").orElse(null);
        if (component != null && !componentIds.contains(component)) {
            m.get("component").error("no component with id '" + component + "' (declare it under components:)");
        }
        int failureThreshold = m.integer("failure_threshold", scheduled ? 3 : 1, 1, 100);
        int successThreshold = m.integer("success_threshold", 1, 1, 100);
        boolean paused = m.bool("paused", false);
        List<String> tags = m.stringList("tags");
        for (String tag : tags) {
            if (!ID.matcher(tag).matches()) {
                m.get("tags").error("'" + tag + "' is not a valid tag (letters, digits, '_', '-', '.')");
            }
        }
        List<String> dependsOn = m.stringList("depends_on");
        List<Condition> conditions = conditions(m.get("conditions"), type);
        MonitorTypes.TypeSettings settings = type == null ? null : types.read(type, m, conditions);
        DegradationConfig degradation = DegradationConfigReader.read(m);
        VantageConfig vantage = VantageConfigReader.read(m, probes, scheduled);
        m.rejectUnknownKeys(type == null ? LookoutShape.MONITOR : concat(LookoutShape.MONITOR, types.keys(type)));
        if (id == null || type == null || settings == null) {
            return null;
        }
        List<Condition> all = new ArrayList<>(conditions);
        all.addAll(settings.implicitConditions());
        return new MonitorConfig(id, name, type, description, interval, timeout, component, failureThreshold,
                successThreshold, paused, all, settings.settings(), m.raw(), tags, dependsOn, degradation, vantage);
    }

    private List<Condition> conditions(ConfigNode node, String type) {
        List<Condition> out = new ArrayList<>();
        for (ConfigNode c : node.elements()) {
            c.text().ifPresent(source -> {
                try {
                    Condition condition = ConditionParser.parse(source);
                    List<String> unavailable = type == null ? List.of()
                            : condition.subjects().stream().filter(subject -> !types.offers(type, subject)).toList();
                    for (String subject : unavailable) {
                        c.error("'" + subject + "' is not available for " + type + " monitors (available: "
                                + String.join(", ", types.placeholders(type)) + ")");
                    }
                    if (unavailable.isEmpty()) {
                        out.add(condition);
                    }
                } catch (ConditionSyntaxException e) {
                    c.error(e.getMessage() + " at col " + e.column() + " of '" + source + "'");
                }
            });
        }
        return out;
    }

    /** Whether {@code id} is a valid monitor, component or channel id. */
    static boolean validId(String id) {
        return ID.matcher(id).matches();
    }

    private static String id(ConfigNode node, Set<String> seen) {
        String id = node.requiredString("id").orElse(null);
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            node.get("id").error("'" + id + "' is not a valid id (letters, digits, '_', '-', '.'; at most 100)");
            return null;
        }
        if (!seen.add(id)) {
            node.get("id").error("duplicate id '" + id + "'");
            return null;
        }
        return id;
    }

    private static List<ConfigKey> concat(List<ConfigKey> common, List<ConfigKey> own) {
        return java.util.stream.Stream.concat(common.stream(), own.stream()).toList();
    }

    /** Validates an http(s) URL value; returns it parsed or null (with an error on the node). */
    public static URI checkUrl(ConfigNode node, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                node.error("'" + value + "' is not an http:// or https:// URL with a host");
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            node.error("'" + value + "' is not a URL: " + e.getReason());
            return null;
        }
    }
}
