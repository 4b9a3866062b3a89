package dev.lookout.alert;

import dev.lookout.evaluate.MassFailureGuard;

/** One node's mass-failure guard as stored: each node guards the monitors it checks, so each has its own. */
public record GuardRecord(String node, MassFailureGuard.State state) {
}
