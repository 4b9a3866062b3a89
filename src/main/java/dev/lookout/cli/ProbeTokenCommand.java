package dev.lookout.cli;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.ProbeConfig;
import dev.lookout.probe.ProbeRegistry;
import dev.lookout.probe.ProbeToken;
import dev.lookout.store.OpenedRepository;
import dev.lookout.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lookout probe-token create|list|revoke}: remote probes' tokens, in the database of
 * {@code --config} (also while a server runs on it). A token is printed once, when it is made; the
 * database keeps its SHA-256 only.
 */
@Command(name = "probe-token", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Tokens of remote probes: create one for a probe declared under probes:, list them, revoke one.",
        subcommands = {ProbeTokenCommand.Create.class, ProbeTokenCommand.ListTokens.class, ProbeTokenCommand.Revoke.class})
final class ProbeTokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: create, list or revoke");
    }

    private interface Action {
        int run(LookoutConfig config, ProbeRegistry registry, CommandAudit audit, PrintWriter out, PrintWriter err);
    }

    /** Loads the configuration, opens the probes' registry of its database and runs the action. */
    private static int run(CommandSpec spec, Path file, Action action) {
        return ConfigOption.run(spec, file, (config, out, err) -> {
            try (OpenedRepository<ProbeRegistry> registry = Stores.probeRegistry(config.storage().url())) {
                return action.run(config, registry.get(), new CommandAudit(registry.auditLog(), spec.qualifiedName(),
                        java.time.InstantSource.system()), out, err);
            }
        });
    }

    /** A token as the audit log keeps it: never the token, nor its hash. */
    private static java.util.Map<String, Object> json(ProbeRegistry.Token t) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", t.id());
        out.put("probe", t.probe());
        out.put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString());
        return out;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a token for probe NAME (declared under probes: in --config) and print it, once.")
    static final class Create implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The probe's name, as declared under probes:.")
        String name;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config = ConfigOption.DEFAULT;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, config, (loaded, registry, audit, out, err) -> {
                if (loaded.probe(name).isEmpty()) {
                    err.println("lookout: '" + name + "' is not a probe declared under probes: in " + loaded.source()
                            + " (declared: " + String.join(", ", loaded.probes().stream().map(ProbeConfig::name).toList())
                            + "); declare it first");
                    return AdminCommand.EXIT_USAGE;
                }
                String token = ProbeToken.generate();
                long id = registry.addToken(name, ProbeToken.sha256(token), Instant.now());
                audit.record("probe_token", id, null, java.util.Map.of("id", id, "probe", name));
                out.println(token);
                err.println("token " + id + " for probe " + name + " (shown once; give it to the probe as LOOKOUT_PROBE_TOKEN"
                        + " or in a --token-file; lookout probe-token revoke " + id + " ends it)");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the probes' tokens (never the tokens themselves).")
    static final class ListTokens implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config = ConfigOption.DEFAULT;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, config, (loaded, registry, audit, out, err) -> {
                List<ProbeRegistry.Token> tokens = registry.tokens();
                String format = "%-6s %-20s %-20s %-34s %s%n";
                out.printf(format, "ID", "PROBE", "CREATED", "LAST USED", "REVOKED");
                for (ProbeRegistry.Token t : tokens) {
                    out.printf(format, t.id(), t.probe(), at(t.createdAt()),
                            t.lastUsedAt() == null ? "never" : at(t.lastUsedAt()) + " from " + t.lastAddress(),
                            t.revokedAt() == null ? "-" : at(t.revokedAt()));
                }
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke token ID, or every token of probe NAME: the probe's next request is refused.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID|NAME", description = "A token's id (from list) or a probe's name.")
        String which;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
        Path config = ConfigOption.DEFAULT;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, config, (loaded, registry, audit, out, err) -> {
                Instant now = Instant.now();
                if (which.chars().allMatch(Character::isDigit)) {
                    long id = Long.parseLong(which);
                    java.util.Optional<ProbeRegistry.Token> before = registry.tokens().stream().filter(t -> t.id() == id).findFirst();
                    if (registry.revoke(id, now)) {
                        audit.record("probe_token", id, before.map(ProbeTokenCommand::json).orElse(null), registry.tokens().stream()
                                .filter(t -> t.id() == id).findFirst().map(ProbeTokenCommand::json).orElse(null));
                        out.println("revoked token " + id);
                        return 0;
                    }
                    boolean exists = registry.tokens().stream().anyMatch(t -> t.id() == id);
                    err.println("lookout: " + (exists ? "token " + id + " was revoked already" : "no token with id " + id));
                    return AdminCommand.EXIT_REFUSED;
                }
                int revoked = registry.revokeAll(which, now);
                if (revoked == 0) {
                    err.println("lookout: probe '" + which + "' has no live token");
                    return AdminCommand.EXIT_REFUSED;
                }
                audit.record("probe", which, null, java.util.Map.of("tokens_revoked", revoked));
                out.println("revoked " + revoked + " token" + (revoked == 1 ? "" : "s") + " of probe " + which);
                return 0;
            });
        }
    }

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
