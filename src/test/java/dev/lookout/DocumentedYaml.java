package dev.lookout;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Lookout configuration examples of the documentation: every {@code ```yaml} block of README.md
 * and docs/*.md, and the environment their {@code ${VAR}}s need. YAML for other programs is fenced
 * as {@code ```yml} and left out.
 */
public final class DocumentedYaml {
    /** The README and every page of the reference. */
    public static final List<Path> PAGES = pages();
    /** The variables the documented examples use; the loader fails on an unset one without a default. */
    public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("API_TOKEN", "token-from-the-environment"),
            Map.entry("PROBE_PASSWORD", "password-from-the-environment"),
            Map.entry("LOOKOUT_DB_PASSWORD", "db-password-from-the-environment"),
            Map.entry("REDIS_PASSWORD", "redis-password-from-the-environment"),
            Map.entry("DB_PASSWORD", "monitored-db-password-from-the-environment"),
            Map.entry("PING_KEY", "ping-key-from-the-environment"),
            Map.entry("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX"),
            Map.entry("PAGERDUTY_ROUTING_KEY", "routing-key-from-the-environment"),
            Map.entry("WEBHOOK_SECRET", "signing-key-from-the-environment"),
            Map.entry("WEBHOOK_TOKEN", "webhook-token-from-the-environment"),
            Map.entry("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1234/XXXX"),
            Map.entry("TEAMS_WEBHOOK_URL", "https://example.webhook.office.com/webhookb2/XXXX"),
            Map.entry("MATTERMOST_WEBHOOK_URL", "https://mattermost.example.com/hooks/XXXX"),
            Map.entry("SMTP_PASSWORD", "smtp-password-from-the-environment"),
            Map.entry("OPSGENIE_API_KEY", "opsgenie-key-from-the-environment"),
            Map.entry("TELEGRAM_BOT_TOKEN", "123456789:AAbot-token-from-the-environment"),
            Map.entry("NTFY_TOKEN", "tk_ntfy-token-from-the-environment"),
            Map.entry("PUSHOVER_TOKEN", "pushover-token-from-the-environment"),
            Map.entry("PUSHOVER_USER", "pushover-user-from-the-environment"),
            Map.entry("GOTIFY_TOKEN", "gotify-token-from-the-environment"),
            Map.entry("LOOKOUT_ADMIN_TOKEN", "admin-token-from-the-environment"),
            // docs/importing.md shows what the importers write
            Map.entry("API_HEALTH_HEADER_AUTHORIZATION", "Bearer token-from-the-environment"),
            Map.entry("SLACK_URL", "https://hooks.slack.com/services/T000/B000/XXXX"),
            Map.entry("HC_PING_KEY", "ping-key-from-the-environment"),
            Map.entry("OIDC_SECRET", "oidc-client-secret-from-the-environment"));

    /** One fenced ```yaml block and the line its first content line is on. */
    public record YamlBlock(Path file, int line, String text) {
        public String firstContentLine() {
            return text.lines().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).findFirst().orElse("");
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    private DocumentedYaml() {
    }

    public static List<YamlBlock> blocks() throws IOException {
        List<YamlBlock> blocks = new ArrayList<>();
        for (Path page : PAGES) {
            blocks.addAll(yamlBlocks(page));
        }
        return blocks;
    }

    private static List<YamlBlock> yamlBlocks(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<YamlBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```yaml")) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                fail(file + ":" + (i + 1) + ": ```yaml block is not closed");
            }
            blocks.add(new YamlBlock(file, start + 1, String.join("\n", lines.subList(start, end)) + "\n"));
            i = end;
        }
        return blocks;
    }

    private static List<Path> pages() {
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            List<Path> all = new ArrayList<>(List.of(Path.of("README.md")));
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(all::add);
            return List.copyOf(all);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
