package dev.lookout.importer.healthchecks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.importer.Draft;
import dev.lookout.importer.Node;
import dev.lookout.importer.Variable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Healthchecks integrations to Lookout channels. The API names an integration's kind and name,
 * never its settings (webhook URLs, addresses, keys): each channel of a kind Lookout has is
 * written with environment references for all of them, and listed for the operator to fill in.
 */
final class HealthchecksChannels {
    private static final String URL_SAMPLE = "https://hooks.example.invalid/imported";
    private static final String TOKEN_SAMPLE = "imported-secret-0000";

    private final Draft draft;

    HealthchecksChannels(Draft draft) {
        this.draft = draft;
    }

    /** @return integration id (a UUID) to the id of the channel it became */
    Map<String, String> translate(JsonNode channels) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode channel : channels) {
            String kind = channel.path("kind").asText("");
            String name = channel.path("name").asText("");
            String what = "integration '" + (name.isBlank() ? kind : name) + "' (" + kind + ")";
            String id = draft.newChannelId(name.isBlank() ? kind : name, kind.isBlank() ? "channel" : kind);
            Node settings = settings(kind, id, name.isBlank() ? kind : name);
            if (settings == null) {
                draft.notCarried(what + ": not imported: Lookout has no " + kind + " channel");
                continue;
            }
            draft.addChannel(id, name.isBlank() ? null : name, settings);
            ids.put(channel.path("id").asText(), id);
            draft.notCarried(what + ": its settings not carried over: Healthchecks' API does not reveal them; channel '" + id
                    + "' reads them from the environment variables listed below" + (kind.equals("telegram") || kind.equals("po")
                    ? " (Healthchecks sent through its own " + (kind.equals("po") ? "Pushover application" : "bot") + "; Lookout needs yours)" : ""));
        }
        return ids;
    }

    private Node settings(String kind, String id, String name) {
        return switch (kind) {
            case "email" -> new Node().put("type", "email")
                    .put("host", draft.reference("SMTP_HOST", "smtp.example.invalid", "the SMTP server Lookout sends mail through"))
                    .put("username", draft.reference("SMTP_USERNAME", "lookout@example.invalid", "its user (empty for none)"))
                    .put("password", draft.reference("SMTP_PASSWORD", TOKEN_SAMPLE, "its password (empty for none)"))
                    .put("from", draft.reference("SMTP_FROM", "lookout@example.invalid", "the sender of Lookout's mail"))
                    .put("to", secret(id, "TO", "ops@example.invalid", name, "the address of"));
            case "webhook" -> new Node().put("type", "webhook").put("url", secret(id, "URL", URL_SAMPLE, name, "the URL of"));
            case "slack" -> new Node().put("type", "slack").put("url", secret(id, "URL", URL_SAMPLE, name, "the incoming webhook URL of"));
            case "discord" -> new Node().put("type", "discord").put("url", secret(id, "URL", URL_SAMPLE, name, "the webhook URL of"));
            case "msteams", "msteamsw" -> new Node().put("type", "teams").put("url", secret(id, "URL", URL_SAMPLE, name, "the webhook URL of"));
            case "mattermost" -> new Node().put("type", "mattermost").put("url", secret(id, "URL", URL_SAMPLE, name, "the webhook URL of"));
            case "pd" -> new Node().put("type", "pagerduty").put("routing_key", secret(id, "ROUTING_KEY", TOKEN_SAMPLE, name, "the integration key of"));
            case "opsgenie" -> new Node().put("type", "opsgenie").put("api_key", secret(id, "API_KEY", TOKEN_SAMPLE, name, "the API key of"));
            case "telegram" -> new Node().put("type", "telegram")
                    .put("bot_token", secret(id, "BOT_TOKEN", "123456789:imported-token", name, "the token of your own bot for"))
                    .put("chat_id", secret(id, "CHAT_ID", "-100123", name, "the chat id of"));
            case "ntfy" -> new Node().put("type", "ntfy").put("url", secret(id, "URL", URL_SAMPLE, name, "the server of"))
                    .put("topic", secret(id, "TOPIC", "imported-topic", name, "the topic of"));
            case "po" -> new Node().put("type", "pushover").put("token", secret(id, "TOKEN", TOKEN_SAMPLE, name, "your Pushover application token for"))
                    .put("user", secret(id, "USER", TOKEN_SAMPLE, name, "the user key of"));
            case "gotify" -> new Node().put("type", "gotify").put("url", secret(id, "URL", URL_SAMPLE, name, "the server of"))
                    .put("token", secret(id, "TOKEN", TOKEN_SAMPLE, name, "the application token of"));
            default -> null;
        };
    }

    private Variable secret(String channelId, String suffix, String sample, String name, String what) {
        return draft.secret(channelId + "_" + suffix, sample, what + " Healthchecks integration '" + name + "'");
    }
}
