package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.LookoutConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the incident and maintenance commands find the running Lookout and its admin token:
 * {@code --url}, else {@code server.public_url} of {@code --config}; {@code --token}, else
 * {@value #TOKEN_VARIABLE}, else {@code server.admin_token} of {@code --config}. The file is read
 * only when a value is missing, so {@code --url} with a token needs no configuration at hand.
 */
final class AdminApiOptions {
    static final String TOKEN_VARIABLE = "LOOKOUT_ADMIN_TOKEN";

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the running Lookout, e.g. http://127.0.0.1:8080 (default: server.public_url of --config).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Admin token (default: $" + TOKEN_VARIABLE + ", else server.admin_token of --config).")
    String token;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration to take the URL and token from when not given (default: ${DEFAULT-VALUE}).")
    Path config = ConfigOption.DEFAULT;

    @Option(names = "--json", description = "Print the API's JSON instead of a summary.")
    boolean json;

    /** A value the command cannot run without (exit 2); the message says which option supplies it. */
    static final class Missing extends Exception {
        Missing(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A client for the resolved URL and token. Configuration errors are printed to {@code err}
     * (all of them, as every command does) before {@link Missing} is thrown.
     *
     * @param needsToken whether the call writes (reads are public and go without a token if none is found)
     */
    AdminClient connect(boolean needsToken, Map<String, String> environment, PrintWriter err) throws Missing {
        String tokenValue = token != null ? token : blankToNull(environment.get(TOKEN_VARIABLE));
        String urlValue = url;
        boolean configNeeded = urlValue == null || (tokenValue == null && needsToken);
        if (configNeeded) {
            String wanted = urlValue == null ? "URL" : "admin token";
            if (config.equals(ConfigOption.DEFAULT) && !Files.exists(config)) {
                throw new Missing("no " + wanted + ": pass " + (urlValue == null ? "--url" : "--token or set " + TOKEN_VARIABLE)
                        + ", or --config FILE to take it from Lookout's configuration");
            }
            LookoutConfig loaded = ConfigOption.load(ConfigOption.loader(CheckTypes.standard(), environment), config, err);
            if (loaded == null) {
                throw new Missing("cannot take the " + wanted + " from " + config + " (errors above)");
            }
            if (urlValue == null) {
                urlValue = loaded.server().publicUrl();
            }
            if (tokenValue == null) {
                tokenValue = loaded.server().adminToken();
            }
        }
        if (tokenValue == null && needsToken) {
            throw new Missing("no admin token: pass --token, set " + TOKEN_VARIABLE + ", or set server.admin_token in "
                    + config);
        }
        return new AdminClient(base(urlValue), tokenValue);
    }

    private static URI base(String raw) throws Missing {
        String trimmed = raw.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(raw, "expected http(s)://HOST[:PORT][/PATH]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Missing("'" + raw + "' is not a Lookout URL: expected http(s)://HOST[:PORT][/PATH]");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
