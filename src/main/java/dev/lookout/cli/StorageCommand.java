package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.LookoutConfig;
import dev.lookout.storage.StoreException;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lookout storage ...}: Lookout's own database. */
@Command(name = "storage", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Lookout's own database: accept a new or restored one.",
        subcommands = {StorageCommand.AcceptNew.class})
final class StorageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: accept-new");
    }

    /**
     * Accepts a database that is not the one Lookout was using (empty, replaced, restored from a
     * backup): on a running Lookout through its admin API, or with {@code --offline} directly on the
     * database of a stopped one, which then starts normally.
     */
    @Command(name = "accept-new", mixinStandardHelpOptions = true,
            description = "Accept the database as it is now when Lookout refuses it as not its own (empty, replaced,"
                    + " restored from a backup): migrates its schema and makes Lookout remember it. Without --offline,"
                    + " tells the running Lookout at --url, which then writes what it kept in memory.")
    static final class AcceptNew implements Callable<Integer> {
        @Mixin
        AdminApiOptions api;

        @Option(names = "--offline", description = "Lookout is stopped: open the database of --config directly.")
        boolean offline;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                return offline ? offline(out, err) : online(out, err);
            } finally {
                out.flush();
                err.flush();
            }
        }

        private int offline(PrintWriter out, PrintWriter err) {
            Main main = (Main) spec.root().userObject();
            LookoutConfig config = ConfigOption.load(ConfigOption.loader(CheckTypes.standard(), main.environment()), api.config,
                    err);
            if (config == null) {
                return ConfigOption.EXIT_INVALID_CONFIG;
            }
            StoreOptions options = StoreOptions.defaults().withNode(config.server().nodeName())
                    .withStateFile(config.storage().stateFile()).acceptingNewDatabase();
            try (Store store = Stores.open(config.storage().url(), options)) {
                out.println("accepted " + store.health().database() + " as Lookout's database; remembered in "
                        + config.storage().stateFile() + ". Start Lookout again.");
                return 0;
            } catch (StoreException e) {
                err.println("lookout: " + e.getMessage());
                return AdminCommand.EXIT_REFUSED;
            }
        }

        private int online(PrintWriter out, PrintWriter err) {
            Main main = (Main) spec.root().userObject();
            try (AdminClient client = api.connect(true, main.environment(), err)) {
                JsonNode answer = client.send("POST", "/api/v1/storage/accept-new", AdminClient.JSON.createObjectNode());
                if (api.json) {
                    out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
                } else {
                    out.println("accepted " + answer.path("accepted").asText() + " (database id "
                            + answer.path("database_id").asText() + "); Lookout writes what it kept in memory now."
                            + " It had refused it because " + answer.path("was").asText());
                }
                return 0;
            } catch (AdminApiOptions.Missing e) {
                err.println("lookout: " + e.getMessage());
                return AdminCommand.EXIT_USAGE;
            } catch (AdminClient.Refused e) {
                err.println("lookout: refused (HTTP " + e.status + "): " + e.getMessage());
                return AdminCommand.EXIT_REFUSED;
            } catch (AdminClient.Unreachable e) {
                err.println("lookout: " + e.getMessage() + " (if Lookout is stopped because it refused its database,"
                        + " use --offline)");
                return AdminCommand.EXIT_UNREACHABLE;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON tree did not serialise", e);
            }
        }
    }
}
