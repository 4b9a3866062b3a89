package dev.lookout.cli;

import dev.lookout.account.AccountRole;
import dev.lookout.account.ApiKey;
import dev.lookout.account.ApiKeys;
import dev.lookout.condition.Durations;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lookout api-key create|list|revoke}: keys for programs calling the API, on the database directly. */
@Command(name = "api-key", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "API keys for programs: create (the key is shown once), list, revoke.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.List.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: create, list or revoke");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key with a role; it is printed once and stored only as a hash.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "What the key is for, e.g. ci-deploy.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, editor or viewer.")
        String role;

        @Option(names = "--expires", paramLabel = "DURATION", description = "Expire after this long, e.g. 30d (default: never).")
        String expires;

        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                AccountRole parsed = AccountRole.parse(role).orElseThrow(() -> new AccountsDatabase.Refused(
                        "unknown role '" + role + "' (known: " + AccountRole.known() + ")"));
                Duration expiry = null;
                if (expires != null) {
                    expiry = Durations.parse(expires).orElseThrow(() -> new AccountsDatabase.Refused(
                            "--expires '" + expires + "' is not a duration (e.g. 30d, 12h)"));
                }
                ApiKeys.Created created = new ApiKeys(accounts, InstantSource.system()).create(name, parsed, expiry, "cli");
                audit.record("api_key", created.key().id(), null, json(created.key()));
                out.println(created.secret());
                spec.commandLine().getErr().println("created API key " + created.key().id() + " '" + created.key().name()
                        + "' (" + parsed.code() + (created.key().expiresAt() == null ? "" : ", expires "
                        + created.key().expiresAt()) + "). It is shown this once: store it now.");
            });
        }
    }

    /** A key as the audit log keeps it (never its secret). */
    private static java.util.Map<String, Object> json(ApiKey key) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", key.id());
        out.put("name", key.name());
        out.put("role", key.role().code());
        out.put("expires_at", key.expiresAt() == null ? null : key.expiresAt().toString());
        out.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
        return out;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys (never their secrets).")
    static final class List implements Callable<Integer> {
        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                for (ApiKey key : new ApiKeys(accounts, InstantSource.system()).list()) {
                    String state = key.revokedAt() != null ? "revoked " + key.revokedAt()
                            : key.expiresAt() != null ? "expires " + key.expiresAt() : "no expiry";
                    out.printf("%-5d %-24s %-7s %s...  %s, last used %s%n", key.id(), key.name(), key.role().code(),
                            key.prefix(), state, key.lastUsedAt() == null ? "never" : key.lastUsedAt().toString());
                }
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id (from list).")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Mixin
        AccountsDatabase database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return database.run(spec, (accounts, audit, out) -> {
                ApiKeys keys = new ApiKeys(accounts, InstantSource.system());
                java.util.Optional<ApiKey> before = keys.list().stream().filter(k -> k.id() == id).findFirst();
                keys.revoke(id);
                audit.record("api_key", id, before.map(ApiKeyCommand::json).orElse(null),
                        keys.list().stream().filter(k -> k.id() == id).findFirst().map(ApiKeyCommand::json).orElse(null));
                out.println("revoked API key " + id);
            });
        }
    }
}
