package dev.lookout.heartbeat;

import java.time.Duration;
import java.time.Instant;

/**
 * What the API shows of a heartbeat monitor beside its monitor state.
 *
 * @param state        new (no ping yet), up, late (past due, within grace), down or paused
 * @param schedule     e.g. {@code every 30s} or {@code cron '0 3 * * *' (Europe/Paris)}
 * @param lastPing     newest ping of any kind; null before the first
 * @param lastKind     its kind ({@code success}, {@code start}, {@code fail}, {@code log}); null before the first
 * @param lastSuccess  newest success ping; null before the first
 * @param runningSince start of a run that has not finished (a start ping without success or fail); null when none
 * @param nextDue      when the next success ping is expected; null while new, down or paused
 * @param downAt       when the monitor goes down without a ping; null while new, down or paused
 * @param lastDuration duration of the last finished run; null when it had no start ping
 */
public record HeartbeatStatus(String state, String schedule, Duration grace, Instant lastPing, String lastKind,
                              Instant lastSuccess, Instant runningSince, Instant nextDue, Instant downAt,
                              Duration lastDuration) {
}
