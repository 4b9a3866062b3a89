package dev.lookout.incident;

/** What one update did to one component: the status the incident had set before (operational at first) and the new one. */
public record ComponentChange(String componentId, AffectedStatus oldStatus, AffectedStatus newStatus) {
}
