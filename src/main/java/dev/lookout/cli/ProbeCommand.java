package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.probe.ProbeToken;
import dev.lookout.probe.agent.ProbeAgent;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lookout probe}: a remote probe that checks the monitors its servers assign to it and
 * pushes the results; only outgoing connections. Runs until SIGTERM (then stops its checks, keeps
 * what it holds on disk, hands over what it can, and exits 0) or until a server refuses it (a
 * wrong or revoked token, an undeclared name: exit 1 with the reason).
 */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Run a remote probe: check the monitors assigned to --name from another network and push the results"
                + " to the servers. The token comes from LOOKOUT_PROBE_TOKEN or --token-file.")
final class ProbeCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "LOOKOUT_PROBE_TOKEN";

    @Option(names = "--server", required = true, split = ",", paramLabel = "URL",
            description = "The Lookout servers' base URLs (https://...), tried in this order; comma-separated or repeated.")
    List<String> servers = new ArrayList<>();

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The probe's name, as declared under probes:.")
    String name;

    @Option(names = "--region", paramLabel = "R", description = "The region it should be in; a warning when the server's differs.")
    String region;

    @Option(names = "--data", paramLabel = "DIR", description = "Where results wait while no server answers (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("probe-data");

    @Option(names = "--buffer-max", paramLabel = "N",
            description = "The most results kept while no server answers; beyond it the oldest are dropped (default: ${DEFAULT-VALUE}).")
    int bufferMax = 100_000;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the probe's token.")
    Path tokenFile;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The token itself (visible to every user in ps: prefer"
            + " LOOKOUT_PROBE_TOKEN or --token-file).")
    String token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Main main = (Main) spec.root().userObject();
        Optional<String> problem = problem(main);
        if (problem.isPresent()) {
            err.println("lookout probe: " + problem.get());
            err.flush();
            return AdminCommand.EXIT_USAGE;
        }
        ProbeAgent agent = new ProbeAgent(new ProbeAgent.Options(servers.stream().map(URI::create).toList(), name, region,
                token.strip(), data, bufferMax, main.environment()), CheckTypes.standard(), InstantSource.system(),
                RandomGenerator.getDefault()).start();
        Thread hook = new Thread(() -> {
            agent.close();
            Runtime.getRuntime().halt(0); // stopped as asked: exit 0, not the 143 of a signal
        }, "lookout-probe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Optional<String> refused = agent.awaitEnd();
        if (refused.isPresent()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            agent.close();
            err.println("lookout probe: " + refused.get());
            err.flush();
            return AdminCommand.EXIT_REFUSED;
        }
        return 0;
    }

    /** What is wrong with the options, before anything starts. */
    private Optional<String> problem(Main main) {
        for (String server : servers) {
            URI uri;
            try {
                uri = URI.create(server);
            } catch (IllegalArgumentException e) {
                return Optional.of("--server '" + server + "' is not a URL");
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                return Optional.of("--server '" + server + "' is not an http(s) URL, e.g. https://lookout.example.com");
            }
        }
        if (token == null && tokenFile != null) {
            try {
                token = Files.readString(tokenFile);
            } catch (IOException e) {
                return Optional.of("cannot read --token-file " + tokenFile + ": " + e.getMessage());
            }
        }
        if (token == null) {
            token = main.environment().get(TOKEN_VARIABLE);
        }
        if (token == null || token.isBlank()) {
            return Optional.of("no token: set " + TOKEN_VARIABLE + " or give --token-file (lookout probe-token create " + name
                    + " on a server makes one)");
        }
        if (!ProbeToken.wellFormed(token.strip())) {
            return Optional.of("the token is not a probe token (" + ProbeToken.PREFIX + " and 43 characters)");
        }
        if (bufferMax < 1) {
            return Optional.of("--buffer-max must be at least 1, not " + bufferMax);
        }
        return Optional.empty();
    }
}
