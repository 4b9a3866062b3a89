package dev.lookout.incident;

/** Where a scheduled maintenance is: {@code scheduled} until its start, then in progress, verifying, completed. */
public enum MaintenanceStatus implements LifecycleStatus {
    SCHEDULED, IN_PROGRESS, VERIFYING, COMPLETED;

    public static MaintenanceStatus parse(String code) {
        return Codes.parse(MaintenanceStatus.class, "maintenance status", code);
    }

    /** Work is under way: the components are under maintenance and their alerts are silenced. */
    public boolean underWay() {
        return this == IN_PROGRESS || this == VERIFYING;
    }
}
