package dev.lookout.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration being built by one import, section by section, with its ids, the secrets
 * moved to the environment, and the lines that tell what was not carried over. Each source's
 * translation fills one; {@link #finish} writes it.
 */
public final class Draft {
    private final Ids componentIds = new Ids();
    private final Ids monitorIds = new Ids();
    private final Ids channelIds = new Ids();
    private final Ids maintenanceIds = new Ids();
    private final Ids pageIds = new Ids();
    private final List<Node> components = new ArrayList<>();
    private final List<Node> monitors = new ArrayList<>();
    private final List<Node> channels = new ArrayList<>();
    private final List<Node> maintenance = new ArrayList<>();
    private final List<Node> pages = new ArrayList<>();
    private final Routes routes = new Routes();
    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final List<String> notCarried = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Object pingKey;

    public String newMonitorId(String name, String fallback) {
        return monitorIds.allocate(name, fallback);
    }

    public String newComponentId(String name, String fallback) {
        return componentIds.allocate(name, fallback);
    }

    public String newChannelId(String name, String fallback) {
        return channelIds.allocate(name, fallback);
    }

    /**
     * Adds a monitor: {@code id}, {@code name} (when it differs from the id), then {@code settings}.
     * A {@code name} in the settings wins: a dns monitor's name is the name it asks for.
     */
    public void addMonitor(String id, String name, Node settings) {
        monitors.add(named(id, settings.has("name") ? null : name).putAll(settings));
    }

    public void addComponent(String id, String name, Node settings) {
        components.add(named(id, name).putAll(settings));
    }

    public void addChannel(String id, String name, Node settings) {
        channels.add(named(id, name).putAll(settings));
    }

    public String addMaintenance(String name, Node settings) {
        String id = maintenanceIds.allocate(name, "maintenance");
        maintenance.add(named(id, name).putAll(settings));
        return id;
    }

    public String addPage(String idHint, Node settings) {
        String id = pageIds.allocate(idHint, "page");
        pages.add(new Node().put("id", id).putAll(settings));
        return id;
    }

    private static Node named(String id, String name) {
        Node node = new Node().put("id", id);
        if (name != null && !name.isBlank() && !name.equals(id)) {
            node.put("name", name);
        }
        return node;
    }

    public Routes routes() {
        return routes;
    }

    /** {@code heartbeat.ping_key}: the key of the slug ping URLs. */
    public void pingKey(Object key) {
        pingKey = key;
    }

    /**
     * A new environment variable for a secret, named from {@code nameHint} (upper case, made
     * unique); the file holds {@code ${NAME}} in its place.
     */
    public Variable secret(String nameHint, String sample, String origin) {
        String base = nameHint.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "SECRET_" + base;
        }
        String name = base;
        for (int n = 2; variables.containsKey(name); n++) {
            name = base + "_" + n;
        }
        Variable variable = new Variable(name, sample, origin);
        variables.put(name, variable);
        return variable;
    }

    /** A variable the source itself refers to; recorded once, whatever number of values use it. */
    public Variable reference(String name, String sample, String origin) {
        return variables.computeIfAbsent(name, n -> new Variable(n, sample, origin));
    }

    /** One line: what was not carried over, and why. */
    public void notCarried(String line) {
        notCarried.add(line);
    }

    public void note(String line) {
        notes.add(line);
    }

    public int monitorCount() {
        return monitors.size();
    }

    /** The configuration text, with {@code header} as comment lines at the top. */
    public Imported finish(List<String> header) {
        Node root = new Node();
        if (pingKey != null) {
            root.put("heartbeat", new Node().put("ping_key", pingKey));
        }
        root.put("components", components).put("monitors", monitors).put("channels", channels);
        if (!routes.isEmpty()) {
            root.put("alerting", new Node().put("routes", routes.build()));
        }
        root.put("maintenance", maintenance).put("pages", pages);
        List<String> comments = new ArrayList<>(header);
        if (!variables.isEmpty()) {
            comments.add("Set these environment variables before `lookout validate` or `lookout serve`:");
            variables.values().forEach(v -> comments.add("  " + v.name() + ": " + v.origin()));
        }
        String summary = count(monitors.size(), "monitor") + ", " + count(components.size(), "component") + ", "
                + count(channels.size(), "channel") + ", " + count(pages.size(), "page") + ", "
                + count(maintenance.size(), "maintenance window");
        return new Imported(YamlText.write(comments, root), summary, notCarried, List.copyOf(variables.values()), notes);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
