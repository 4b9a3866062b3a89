package dev.lookout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that calls the admin API of a running Lookout (the {@code incident} and
 * {@code maintenance} verbs). It maps the ways a call ends to the exit status: 0 done, 1 the API
 * refused (its message printed), 2 usage or configuration, 3 Lookout unreachable.
 */
abstract class AdminCommand implements Callable<Integer> {
    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNREACHABLE = 3;

    @Mixin
    AdminApiOptions api;

    @Spec
    CommandSpec spec;

    /** A problem with what the user gave (an unreadable message file): exit 2. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether the call writes, and therefore needs the admin token. */
    abstract boolean writes();

    /** Calls the API and returns its JSON answer, to print as summary or as is. */
    abstract JsonNode request(AdminClient client) throws AdminClient.Refused, AdminClient.Unreachable, BadInput;

    /** The human-readable summary of the answer. */
    abstract void summarise(JsonNode answer, PrintWriter out);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (AdminClient client = api.connect(writes(), main().environment(), err)) {
            JsonNode answer = request(client);
            if (api.json) {
                out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } else {
                summarise(answer, out);
            }
            return 0;
        } catch (AdminApiOptions.Missing | BadInput e) {
            err.println("lookout: " + e.getMessage());
            return EXIT_USAGE;
        } catch (AdminClient.Refused e) {
            err.println("lookout: refused (HTTP " + e.status + "): " + e.getMessage());
            return EXIT_REFUSED;
        } catch (AdminClient.Unreachable e) {
            err.println("lookout: " + e.getMessage());
            return EXIT_UNREACHABLE;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not serialise", e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    final Main main() {
        return (Main) spec.root().userObject();
    }
}
