package dev.lookout.cluster;

/** This node cannot take part in the cluster as configured (e.g. another live node has its name). */
public final class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message, null, false, false);
    }
}
