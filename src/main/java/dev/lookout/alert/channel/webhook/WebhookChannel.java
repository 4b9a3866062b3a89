package dev.lookout.alert.channel.webhook;

import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Markup;
import dev.lookout.alert.channel.TemplateCompiler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends the whole message as JSON (schema in docs/channels.md, "Webhook payload"), signed with
 * {@code X-Lookout-Signature: sha256=HEX} over the exact body bytes when a secret is set, and
 * always with {@code X-Lookout-Delivery: MESSAGE_ID} so that a receiver can drop a retried copy.
 */
record WebhookChannel(String id, WebhookSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return settings.method() + " " + HttpDelivery.origin(settings.url().value());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        byte[] body = body(message);
        Map<String, String> headers = new LinkedHashMap<>();
        settings.headers().forEach((name, value) -> headers.put(name, value.value()));
        String contentType = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse("application/json");
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
        headers.put("X-Lookout-Delivery", message.id());
        headers.put("X-Lookout-Event", message.kind().label());
        if (settings.secret() != null) {
            headers.put(WebhookSignature.HEADER, WebhookSignature.of(settings.secret().value(), body));
        }
        http.send(settings.method(), settings.url().value(), headers, contentType, body);
    }

    byte[] body(AlertMessage message) {
        if (settings.bodyTemplate() != null) {
            return TemplateCompiler.render(settings.bodyTemplate(), message).getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> json = AlertText.variables(message);
        json.put("title", settings.wording().title(message));
        json.put("text", settings.wording().body(message, Markup.PLAIN));
        return HttpDelivery.json(json);
    }
}
