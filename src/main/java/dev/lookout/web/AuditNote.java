package dev.lookout.web;

import io.javalin.http.Context;

/**
 * What a write route's handler tells the audit log beyond what {@link AuditTrail} sees by itself
 * (who, from where, which route): the object it wrote, and the object before and after the write
 * for configuration-like objects. A handler that says nothing still leaves an entry, with the
 * object guessed from the route and the request body as {@code after}. Values are turned into
 * JSON without secrets ({@link dev.lookout.audit.AuditJson}).
 */
final class AuditNote {
    private static final String ATTRIBUTE = "lookout.audit";

    String objectType;
    String objectId;
    Object before;
    Object after;
    boolean afterGiven;
    String actor;

    private AuditNote() {
    }

    /** The note of this request, made on first use. */
    static AuditNote of(Context ctx) {
        AuditNote note = ctx.attribute(ATTRIBUTE);
        if (note == null) {
            note = new AuditNote();
            ctx.attribute(ATTRIBUTE, note);
        }
        return note;
    }

    /** The note of this request, or null when the handler wrote none. */
    static AuditNote find(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /** The object written: its type ({@code incident}, {@code user}) and id (never a secret). */
    AuditNote object(String type, Object id) {
        this.objectType = type;
        this.objectId = id == null ? null : String.valueOf(id);
        return this;
    }

    /** The object as it was before the write (null: it did not exist). */
    AuditNote before(Object value) {
        this.before = value;
        return this;
    }

    /** The object as it is after the write (null: it is gone), instead of the request body. */
    AuditNote after(Object value) {
        this.after = value;
        this.afterGiven = true;
        return this;
    }

    /** Who wrote, on a public route that learns it (a sign-in names its user). */
    AuditNote actor(String name) {
        this.actor = name;
        return this;
    }
}
