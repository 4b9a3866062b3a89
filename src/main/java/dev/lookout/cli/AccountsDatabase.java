package dev.lookout.cli;

import dev.lookout.account.AccountException;
import dev.lookout.account.Accounts;
import dev.lookout.store.OpenedRepository;
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

    /**
     * What a command does with the accounts, recording each change in {@code audit}; throws
     * {@link AccountException} or {@link Refused} to refuse.
     */
    interface Work {
        void run(Accounts accounts, CommandAudit audit, PrintWriter out) throws Refused;
    }

    /** A refusal of the command itself (an unreadable password file): exit 2 with the message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    int run(CommandSpec spec, Work work) {
        return ConfigOption.run(spec, config, (loaded, out, err) -> {
            try (OpenedRepository<Accounts> accounts = Stores.accounts(loaded.storage().url())) {
                work.run(accounts.get(), new CommandAudit(accounts.auditLog(), spec.qualifiedName(),
                        java.time.InstantSource.system()), out);
                return 0;
            } catch (Refused e) {
                err.println("lookout: " + e.getMessage());
                return EXIT_USAGE;
            } catch (AccountException e) {
                err.println("lookout: " + e.getMessage());
                return EXIT_REFUSED;
            }
        });
    }
}
