package dev.lookout.alert.channel.email;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;
import static dev.lookout.config.ValueShape.PORT;
import static dev.lookout.config.ValueShape.anyCase;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code type: email}: keys {@code host}, {@code port}, {@code security}, {@code username},
 * {@code password}, {@code from}, {@code to}, {@code tls_ca_file}, {@code template}.
 */
public final class EmailChannelType implements ChannelType {

    @Override
    public String name() {
        return "email";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("host", TEXT, "SMTP server"),
                key("security", anyCase("starttls", "tls", "none"), "starttls", "How the connection is protected"),
                key("port", PORT, "587 (465 with tls, 25 with none)", "SMTP port"),
                key("username", TEXT, null, "SMTP user name"),
                key("password", TEXT, null, "SMTP password (keep it in the environment)"),
                required("from", TEXT, "Sender address"),
                required("to", TEXTS, "Recipient addresses"),
                key("tls_ca_file", TEXT, null, "PEM file of the certificates trusted for the SMTP server"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        String host = channel.requiredString("host").orElse(null);
        EmailSettings.Security security = EmailSettings.Security.STARTTLS;
        String securityText = channel.string("security", "starttls");
        try {
            security = EmailSettings.Security.valueOf(securityText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            channel.get("security").error("'" + securityText + "' is not starttls, tls or none");
        }
        int port = channel.integer("port", security.defaultPort, 1, 65535);
        String username = channel.string("username").filter(u -> !u.isEmpty()).orElse(null);
        Secret<String> password = new Secret<>(channel.string("password", ""));
        String from = channel.requiredString("from").filter(a -> address(channel.get("from"), a)).orElse(null);
        List<String> to = channel.stringList("to");
        if (to.isEmpty()) {
            channel.get("to").error("is required (one address or a list)");
        }
        boolean recipientsValid = to.stream().allMatch(a -> address(channel.get("to"), a));
        Path caFile = channel.string("tls_ca_file").map(Path::of).orElse(null);
        if (caFile != null) {
            try {
                TrustedCertificates.socketFactory(caFile);
            } catch (IllegalArgumentException e) {
                channel.get("tls_ca_file").error(e.getMessage());
                caFile = null;
            }
        }
        Wording wording = Wording.read(channel);
        if (host == null || from == null || to.isEmpty() || !recipientsValid) {
            return null;
        }
        return new EmailSettings(host, port, security, username, password, from, to, caFile, wording);
    }

    private static boolean address(ConfigNode node, String address) {
        try {
            new InternetAddress(address, true);
            return true;
        } catch (AddressException e) {
            node.error("'" + address + "' is not an email address (" + e.getMessage() + ")");
            return false;
        }
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new EmailChannel(id, (EmailSettings) settings, context);
    }
}
