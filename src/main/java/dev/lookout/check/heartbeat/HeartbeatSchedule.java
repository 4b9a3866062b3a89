package dev.lookout.check.heartbeat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.lookout.condition.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a heartbeat monitor expects its next success ping, given the time of the last one. */
public sealed interface HeartbeatSchedule {

    /** The instant the next success ping is due after a success at {@code lastSuccess}. */
    Instant nextDue(Instant lastSuccess);

    /** For messages and the API: {@code every 30s} or {@code cron '0 3 * * *' (Europe/Paris)}. */
    String describe();

    /** A ping at least every {@code period}. */
    record Every(Duration period) implements HeartbeatSchedule {
        @Override
        public Instant nextDue(Instant lastSuccess) {
            return lastSuccess.plus(period);
        }

        @Override
        public String describe() {
            return "every " + Durations.format(period);
        }
    }

    /**
     * A ping after each time a Unix cron expression fires, in a time zone: like Healthchecks.io,
     * the next due time is the first firing after the last success, computed in local time, so a
     * daily 03:00 job is due at 03:00 on both sides of a daylight-saving change.
     */
    record Cron(String expression, ZoneId zone, ExecutionTime executionTime) implements HeartbeatSchedule {
        private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        /** Parses a five-field Unix cron expression; throws IllegalArgumentException with the reason. */
        public static Cron parse(String expression, ZoneId zone) {
            var cron = PARSER.parse(expression);
            cron.validate();
            Cron parsed = new Cron(expression, zone, ExecutionTime.forCron(cron));
            if (parsed.executionTime.nextExecution(ZonedDateTime.now(zone)).isEmpty()) {
                throw new IllegalArgumentException("it never fires");
            }
            return parsed;
        }

        @Override
        public Instant nextDue(Instant lastSuccess) {
            return executionTime.nextExecution(lastSuccess.atZone(zone)).map(ZonedDateTime::toInstant)
                    .orElse(Instant.MAX);
        }

        @Override
        public String describe() {
            return "cron '" + expression + "' (" + zone.getId() + ")";
        }
    }
}
