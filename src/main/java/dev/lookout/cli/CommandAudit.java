package dev.lookout.cli;

import dev.lookout.audit.AuditEntry;
import dev.lookout.audit.AuditJson;
import dev.lookout.audit.AuditLog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;

/**
 * Records what a command that writes the database directly (users, API keys, probe tokens)
 * changed, in the audit log of the same database: the actor is {@code cli}, "from where" is the
 * OS user and host that ran it, the action is the command ({@code lookout api-key create}).
 */
final class CommandAudit {
    static final String ACTOR = "cli";

    private final AuditLog log;
    private final String command;
    private final InstantSource clock;

    CommandAudit(AuditLog log, String command, InstantSource clock) {
        this.log = log;
        this.command = command;
        this.clock = clock;
    }

    /** Records a change of one object; {@code before} null for a new one, {@code after} null for one removed. */
    void record(String objectType, Object objectId, Object before, Object after) {
        log.record(AuditEntry.of(clock.instant(), ACTOR, where(), command, objectType,
                objectId == null ? null : String.valueOf(objectId), AuditJson.of(before), AuditJson.of(after)));
    }

    private static String where() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "?") + "@" + host;
    }
}
