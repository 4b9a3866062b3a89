package dev.lookout.cli;

import dev.lookout.account.AccountRole;
import dev.lookout.account.PasswordHashing;
import dev.lookout.account.TwoFactor;
import dev.lookout.account.User;
import dev.lookout.account.Users;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lookout user add|list|remove|passwd|2fa-reset}: the console's operators, on the database directly. */
@Command(name = "user", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Operators who sign in to the console: add (the first admin too), list, remove, change a password,"
                + " reset two-factor authentication.",
        subcommands = {UserCommand.Add.class, UserCommand.List.class, UserCommand.Remove.class, UserCommand.Passwd.class,
                UserCommand.TwoFactorReset.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: add, list, remove, passwd or 2fa-reset");
    }

    private static Users users(dev.lookout.account.Accounts accounts) {
        return new Users(accounts, new PasswordHashing(), InstantSource.system());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user. The password is prompted for, or read from --password-file or standard input;"
                    + " there is no default password.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, editor or viewer.")
        String role;

        @Mixin
        PasswordInput password;

        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                AccountRole parsed = AccountRole.parse(role).orElseThrow(() -> new AccountsDatabase.Refused(
                        "unknown role '" + role + "' (known: " + AccountRole.known() + ")"));
                User user = users(accounts).add(name, parsed, password.read((Main) spec.root().userObject()));
                audit.record("user", user.name(), null, java.util.Map.of("name", user.name(), "role", user.role().code()));
                out.println("added " + user.name() + " (" + user.role().code() + ")");
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their roles.")
    static final class List implements Callable<Integer> {
        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                java.util.List<User> all = users(accounts).list();
                if (all.isEmpty()) {
                    out.println("no users: add the first admin with `lookout user add NAME --role admin`");
                }
                for (User user : all) {
                    out.printf("%-24s %-7s added %s%s%n", user.name(), user.role().code(), user.createdAt(),
                            user.sso() ? " (single sign-on)" : "");
                }
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and end their sessions.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                Users users = users(accounts);
                java.util.Optional<User> before = users.list().stream().filter(u -> u.name().equals(name)).findFirst();
                users.remove(name);
                audit.record("user", name, before.map(u -> java.util.Map.of("name", u.name(), "role", u.role().code()))
                        .orElse(null), null);
                out.println("removed " + name);
            });
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a user's password (prompted, or from --password-file or standard input) and end their sessions.")
    static final class Passwd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        PasswordInput password;

        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                users(accounts).changePassword(name, password.read((Main) spec.root().userObject()));
                audit.record("user", name, null, java.util.Map.of("password", "changed"));
                out.println("changed the password of " + name + "; their sessions have ended");
            });
        }
    }

    @Command(name = "2fa-reset", mixinStandardHelpOptions = true,
            description = "Remove a user's two-factor authentication (for a lost phone and lost recovery codes) and end their"
                    + " sessions; they sign in with the password and set it up again.")
    static final class TwoFactorReset implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                boolean had = TwoFactor.reset(accounts, name);
                audit.record("user", name, null, java.util.Map.of("two_factor", had ? "reset" : "none to reset"));
                out.println(had ? "reset the two-factor authentication of " + name + "; their sessions have ended"
                        : name + " had no two-factor authentication; their sessions have ended");
            });
        }
    }
}
