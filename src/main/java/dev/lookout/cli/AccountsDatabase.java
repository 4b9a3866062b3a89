package dev.lookout.cli;

import dev.lookout.account.AccountException;
import dev.lookout.account.Accounts;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.LookoutConfig;
import dev.lookout.storage.StoreException;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --config} of the account commands, which work on the database directly: they are how
 * the first admin is made, before anyone can sign in (and a running Lookout sees the change at
 * once, as every node reads accounts from the database). Exit 0 done, 1 refused, 2 usage or
 * configuration.
 */
final class AccountsDatabase {
    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE = 2;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration whose storage.url holds the accounts (default: ${DEFAULT-VALUE}).")
    Path config = ConfigOption.DEFAULT;

    /** What a command does with the accounts; throws {@link AccountException} or {@link Refused} to refuse. */
    interface Work {
        void run(Accounts accounts, PrintWriter out) throws Refused;
    }

    /** A refusal of the command itself (an unreadable password file): exit 2 with the message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    int run(CommandSpec spec, Work work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Main main = (Main) spec.root().userObject();
        try {
            LookoutConfig loaded = ConfigOption.load(ConfigOption.loader(CheckTypes.standard(), main.environment()), config, err);
            if (loaded == null) {
                return ConfigOption.EXIT_INVALID_CONFIG;
            }
            StoreOptions options = StoreOptions.defaults().withNode(loaded.server().nodeName())
                    .withStateFile(loaded.storage().stateFile());
            try (Store store = Stores.open(loaded.storage().url(), options)) {
                work.run(store.accounts(), out);
                return 0;
            }
        } catch (Refused e) {
            err.println("lookout: " + e.getMessage());
            return EXIT_USAGE;
        } catch (AccountException | StoreException e) {
            err.println("lookout: " + e.getMessage());
            return EXIT_REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
