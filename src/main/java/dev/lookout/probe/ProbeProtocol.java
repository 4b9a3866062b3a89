package dev.lookout.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.condition.ConditionResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a probe and a server say to each other, over HTTPS that the probe opens: the probe pulls
 * its {@link Assignment} and pushes numbered results in a {@link ResultBatch}; the server answers
 * with a {@link BatchAnswer}. The same records on both sides.
 */
public final class ProbeProtocol {
    public static final String ASSIGNMENT_PATH = "/api/v1/probe/assignment";
    public static final String RESULTS_PATH = "/api/v1/probe/results";
    /** The probe's name, beside its token in {@code Authorization: Bearer}. */
    public static final String NAME_HEADER = "X-Lookout-Probe";
    /** The most results one batch may carry; a probe sends no more. */
    public static final int MAX_BATCH = 1_000;
    /** The largest batch body a server reads (Javalin's limit; a result is well under 1 KB, a batch of 1,000 about 400 KB). */
    public static final int MAX_BODY_BYTES = 1_000_000;

    /**
     * Both sides' JSON: snake_case names as written here, instants as ISO-8601, unknown fields
     * tolerated (a newer probe may send more), a missing number is 0 (a missing {@code seq} is then
     * refused by name).
     */
    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ProbeProtocol() {
    }

    /**
     * The monitors a probe checks.
     *
     * @param version     changes when the monitors or the region change (the ETag)
     * @param ackedSeq    the highest result number stored: a probe that lost its buffer numbers on from here
     * @param pollEveryMs how often the probe asks again
     */
    public record Assignment(String probe, String region, String version, @JsonProperty("acked_seq") long ackedSeq,
                             @JsonProperty("poll_every_ms") long pollEveryMs, List<AssignedMonitor> monitors) {
        public Assignment {
            monitors = monitors == null ? List.of() : List.copyOf(monitors);
        }
    }

    /** One monitor: its definition as written in the server's file, less what only the server needs. */
    public record AssignedMonitor(String id, Map<String, Object> definition) {
    }

    /**
     * Results numbered by the probe, in order; {@code dropped} counts those it had to throw away since
     * it started; {@code unchecked}, the monitors of its assignment it cannot check and why (null: it
     * says nothing of them, as probes before this field did).
     */
    public record ResultBatch(String probe, long dropped, List<WireResult> results, List<Unchecked> unchecked) {
        public ResultBatch {
            results = results == null ? List.of() : results;
            unchecked = unchecked == null ? null : List.copyOf(unchecked);
        }

        public ResultBatch(String probe, long dropped, List<WireResult> results) {
            this(probe, dropped, results, null);
        }
    }

    /** A monitor of its assignment a probe cannot check, and why (e.g. a {@code ${VAR}} its environment lacks). */
    public record Unchecked(@JsonProperty("monitor_id") String monitorId, String why) {
    }

    /** What the server did with a batch. */
    public record BatchAnswer(@JsonProperty("acked_seq") long ackedSeq, int stored, int duplicates, int ignored) {
    }

    /** The timings of a result, in microseconds; -1 for a phase that did not happen. */
    public record WireTimings(@JsonProperty("dns_us") long dnsUs, @JsonProperty("connect_us") long connectUs,
                              @JsonProperty("tls_us") long tlsUs, @JsonProperty("first_byte_us") long firstByteUs,
                              @JsonProperty("total_us") long totalUs) {
    }

    /** One result as it travels, numbered by the probe. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WireResult(long seq, @JsonProperty("monitor_id") String monitorId,
                             @JsonProperty("started_at") Instant startedAt, Outcome outcome, String message,
                             WireTimings timings, List<ConditionResult> conditions) {

        public static WireResult of(long seq, CheckResult result) {
            Timings t = result.timings();
            return new WireResult(seq, result.monitorId(), result.startedAt(), result.outcome(), result.message(),
                    new WireTimings(t.dnsMicros(), t.connectMicros(), t.tlsMicros(), t.firstByteMicros(), t.totalMicros()),
                    result.conditions());
        }

        /** Null fields a sender left out are refused here, naming the field. */
        public CheckResult toResult() {
            if (monitorId == null || monitorId.isBlank()) {
                throw new IllegalArgumentException("result " + seq + ": monitor_id is required");
            }
            if (startedAt == null) {
                throw new IllegalArgumentException("result " + seq + ": started_at is required");
            }
            if (outcome == null) {
                throw new IllegalArgumentException("result " + seq + ": outcome is required (OK, DEGRADED, FAILED, TIMEOUT)");
            }
            if (seq < 1) {
                throw new IllegalArgumentException("result " + seq + ": seq must be 1 or more");
            }
            WireTimings t = timings == null ? new WireTimings(Timings.NONE, Timings.NONE, Timings.NONE, Timings.NONE, 0)
                    : timings;
            return new CheckResult(monitorId, startedAt, outcome, message,
                    new Timings(t.dnsUs(), t.connectUs(), t.tlsUs(), t.firstByteUs(), t.totalUs()),
                    conditions == null ? List.of() : conditions);
        }
    }
}
