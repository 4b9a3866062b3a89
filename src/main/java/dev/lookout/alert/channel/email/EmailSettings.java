package dev.lookout.alert.channel.email;

import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import java.nio.file.Path;
import java.util.List;

/**
 * An SMTP server and the recipients of its mails.
 *
 * @param host      SMTP server
 * @param port      587 for STARTTLS, 465 for implicit TLS, 25 without TLS unless given
 * @param security  how the connection is protected
 * @param username  user for SMTP AUTH, or null for none
 * @param password  its password (empty when not given)
 * @param from      the sender address ({@code Lookout <lookout@example.com>} allowed)
 * @param to        recipients, at least one
 * @param tlsCaFile PEM file with the certificates to trust instead of the JDK's (a private CA), or null
 * @param wording   subject and body, default or from {@code template:}
 */
record EmailSettings(String host, int port, Security security, String username, Secret<String> password, String from,
                     List<String> to, Path tlsCaFile, Wording wording) {

    /** {@code security:} values. */
    enum Security {
        /** Plain connection upgraded with STARTTLS, which is required: never falls back to plain text. */
        STARTTLS(587),
        /** TLS from the first byte (SMTPS). */
        TLS(465),
        /** No encryption: only for a relay on localhost or a trusted network. */
        NONE(25);

        final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    EmailSettings {
        to = List.copyOf(to);
    }
}
