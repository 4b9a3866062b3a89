package dev.lookout.importer.kuma;

import dev.lookout.importer.Draft;
import dev.lookout.importer.Node;
import dev.lookout.importer.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Uptime Kuma notifications to Lookout channels. Every secret (webhook URLs, tokens, passwords,
 * header values) becomes an environment variable; settings Lookout's channel has no place for
 * are named in one line per notification.
 */
final class KumaChannels {
    private static final String URL_SAMPLE = "https://hooks.example.invalid/imported";
    private static final String TOKEN_SAMPLE = "imported-secret-0000";
    /** Keys every notification has that say nothing about where it sends. */
    private static final Set<String> BOOKKEEPING = Set.of("id", "name", "type", "isDefault", "applyExisting", "active", "userId");
    /** Why a setting is not carried over, when it is worth more than "no such setting". */
    private static final Map<String, String> REASONS = Map.of(
            "smtpIgnoreTLSError", "Lookout always verifies the mail server's certificate (tls_ca_file trusts a private CA)",
            "smtpCC", "Lookout mails the to: list only",
            "smtpBCC", "Lookout mails the to: list only",
            "customSubject", "Kuma's template variables differ from Lookout's (template: title)",
            "customBody", "Kuma's template variables differ from Lookout's (template: body)",
            "webhookCustomBody", "Kuma's template variables differ from Lookout's (body_template)");

    private final Draft draft;

    KumaChannels(Draft draft) {
        this.draft = draft;
    }

    /** @return Kuma notification id to the id of the channel it became */
    Map<Long, String> translate(List<KumaData.Notification> notifications) {
        Map<Long, String> channels = new LinkedHashMap<>();
        for (KumaData.Notification n : notifications) {
            String type = String.valueOf(n.config().getOrDefault("type", ""));
            String what = "notification '" + n.name() + "' (" + type + ")";
            if (!n.active()) {
                draft.notCarried(what + ": switched off in Uptime Kuma, so not imported");
                continue;
            }
            String id = draft.newChannelId(n.name(), "channel-" + n.id());
            Set<String> carried = new LinkedHashSet<>();
            Node settings = settings(type, id, n, carried);
            if (settings == null) {
                draft.notCarried(what + ": not imported: Lookout has no " + (type.isEmpty() ? "such" : type) + " channel");
                continue;
            }
            draft.addChannel(id, n.name(), settings);
            channels.put(n.id(), id);
            reportLeftovers(what, n.config(), carried);
        }
        return channels;
    }

    private Node settings(String type, String id, KumaData.Notification n, Set<String> carried) {
        Reader r = new Reader(id, n, carried);
        return switch (type) {
            case "webhook" -> {
                String contentType = r.plain("webhookContentType");
                if ("json".equals(contentType)) {
                    carried.add("webhookContentType");
                }
                draft.notCarried("notification '" + n.name() + "' (webhook): Kuma's request body is not carried over: "
                        + "Lookout posts its own JSON (docs/channels.md, Webhook payload); check what the receiver reads");
                String method = r.plain("httpMethod");
                String upper = method == null ? null : method.toUpperCase(Locale.ROOT);
                if (upper != null && !List.of("POST", "PUT", "PATCH").contains(upper)) {
                    draft.notCarried("notification '" + n.name() + "' (webhook): method " + upper
                            + " not carried over: Lookout's webhook sends POST, PUT or PATCH (POST is used)");
                    upper = null;
                }
                yield new Node().put("type", "webhook").put("url", r.secret("webhookURL", "URL", URL_SAMPLE))
                        .put("method", "POST".equals(upper) ? null : upper)
                        .put("headers", r.headers("webhookAdditionalHeaders"));
            }
            case "slack" -> new Node().put("type", "slack").put("url", r.secret("slackwebhookURL", "URL", URL_SAMPLE));
            case "discord" -> new Node().put("type", "discord").put("url", r.secret("discordWebhookUrl", "URL", URL_SAMPLE))
                    .put("username", r.plain("discordUsername"));
            case "teams" -> new Node().put("type", "teams").put("url", r.secret("webhookUrl", "URL", URL_SAMPLE));
            case "mattermost" -> new Node().put("type", "mattermost").put("url", r.secret("mattermostWebhookUrl", "URL", URL_SAMPLE))
                    .put("username", r.plain("mattermostusername")).put("channel", r.plain("mattermostchannel"))
                    .put("icon_url", r.plain("mattermosticonurl"));
            case "smtp" -> email(r);
            case "telegram" -> new Node().put("type", "telegram")
                    .put("bot_token", r.secret("telegramBotToken", "BOT_TOKEN", "123456789:imported-token"))
                    .put("chat_id", r.plain("telegramChatID"))
                    .put("url", r.unlessDefault("telegramServerUrl", "https://api.telegram.org"));
            case "pagerduty" -> new Node().put("type", "pagerduty")
                    .put("routing_key", r.secret("pagerdutyIntegrationKey", "ROUTING_KEY", TOKEN_SAMPLE))
                    .put("url", r.unlessDefault("pagerdutyIntegrationUrl", "https://events.pagerduty.com/v2/enqueue"));
            case "opsgenie" -> {
                String region = r.plain("opsgenieRegion");
                carried.add("opsgenieRegion");
                yield new Node().put("type", "opsgenie").put("api_key", r.secret("opsgenieApiKey", "API_KEY", TOKEN_SAMPLE))
                        .put("url", "eu".equalsIgnoreCase(region) ? "https://api.eu.opsgenie.com" : null);
            }
            case "ntfy" -> {
                carried.add("ntfyAuthenticationMethod");
                yield new Node().put("type", "ntfy").put("url", r.unlessDefault("ntfyserverurl", "https://ntfy.sh"))
                        .put("topic", r.secret("ntfytopic", "TOPIC", "imported-topic"))
                        .put("token", r.text("ntfyaccesstoken") == null ? null : r.secret("ntfyaccesstoken", "TOKEN", TOKEN_SAMPLE));
            }
            case "pushover" -> new Node().put("type", "pushover").put("token", r.secret("pushoverapptoken", "TOKEN", TOKEN_SAMPLE))
                    .put("user", r.secret("pushoveruserkey", "USER", TOKEN_SAMPLE)).put("device", r.plain("pushoverdevice"));
            case "gotify" -> new Node().put("type", "gotify").put("url", r.plain("gotifyserverurl"))
                    .put("token", r.secret("gotifyapplicationToken", "TOKEN", TOKEN_SAMPLE));
            default -> null;
        };
    }

    private static Node email(Reader r) {
        boolean implicitTls = r.flag("smtpSecure");
        boolean noStartTls = r.flag("smtpIgnoreSTARTTLS");
        String security = implicitTls ? "tls" : noStartTls ? "none" : null;
        List<String> to = new ArrayList<>();
        String recipients = r.plain("smtpTo");
        if (recipients != null) {
            for (String address : recipients.split(",")) {
                if (!address.isBlank()) {
                    to.add(address.trim());
                }
            }
        }
        String username = r.plain("smtpUsername");
        return new Node().put("type", "email").put("host", r.plain("smtpHost")).put("security", security)
                .put("port", r.number("smtpPort")).put("username", username)
                .put("password", r.text("smtpPassword") == null ? null : r.secret("smtpPassword", "PASSWORD", TOKEN_SAMPLE))
                .put("from", r.plain("smtpFrom")).put("to", to.size() == 1 ? to.getFirst() : to);
    }

    private void reportLeftovers(String what, Map<String, Object> config, Set<String> carried) {
        List<String> plain = new ArrayList<>();
        config.forEach((key, value) -> {
            if (BOOKKEEPING.contains(key) || carried.contains(key) || value == null || Boolean.FALSE.equals(value)
                    || value.toString().isBlank()) {
                return;
            }
            String reason = REASONS.get(key);
            if (reason != null) {
                draft.notCarried(what + ": " + key + " not carried over: " + reason);
            } else {
                plain.add(key);
            }
        });
        if (!plain.isEmpty()) {
            draft.notCarried(what + ": " + String.join(", ", plain) + " not carried over: Lookout's channel has no such setting");
        }
    }

    /** Reads one notification's settings and records which keys were carried over. */
    private final class Reader {
        private final String channelId;
        private final KumaData.Notification notification;
        private final Set<String> carried;

        Reader(String channelId, KumaData.Notification notification, Set<String> carried) {
            this.channelId = channelId;
            this.notification = notification;
            this.carried = carried;
        }

        String text(String key) {
            Object value = notification.config().get(key);
            return value == null || value.toString().isBlank() ? null : value.toString();
        }

        String plain(String key) {
            carried.add(key);
            String text = text(key);
            return text == null ? null : text.trim();
        }

        boolean flag(String key) {
            carried.add(key);
            Object value = notification.config().get(key);
            return Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value)) || "1".equals(String.valueOf(value));
        }

        Object number(String key) {
            carried.add(key);
            Object value = notification.config().get(key);
            if (value instanceof Number n) {
                return n.longValue();
            }
            String text = text(key);
            return text != null && text.trim().matches("\\d+") ? Long.parseLong(text.trim()) : null;
        }

        String unlessDefault(String key, String defaultValue) {
            String value = plain(key);
            return value == null || value.replaceAll("/+$", "").equals(defaultValue) ? null : value;
        }

        Variable secret(String key, String suffix, String sample) {
            carried.add(key);
            return text(key) == null ? null
                    : draft.secret(channelId + "_" + suffix, sample, "the " + key + " of Uptime Kuma notification '" + notification.name() + "'");
        }

        /** Header values are credentials as often as not: every one goes to the environment. */
        Map<String, Object> headers(String key) {
            carried.add(key);
            Map<String, Object> headers = new LinkedHashMap<>();
            String json = text(key);
            if (json == null) {
                return headers;
            }
            Map<String, Object> parsed = KumaJson.object(json);
            if (parsed == null) {
                draft.notCarried("notification '" + notification.name() + "': " + key + " not carried over: not a JSON object");
                return headers;
            }
            parsed.forEach((name, value) -> headers.put(name, draft.secret(channelId + "_HEADER_" + name, TOKEN_SAMPLE,
                    "the " + name + " header of Uptime Kuma notification '" + notification.name() + "'")));
            return headers;
        }
    }
}
