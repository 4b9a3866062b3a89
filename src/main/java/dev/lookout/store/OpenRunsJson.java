package dev.lookout.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The open runs of a {@link dev.lookout.heartbeat.HeartbeatMemory} as stored: a JSON object of run id to epoch ms, in start order. */
final class OpenRunsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Long>> TYPE = new TypeReference<>() {
    };

    private OpenRunsJson() {
    }

    static String write(Map<String, Instant> runs) {
        Map<String, Long> millis = new LinkedHashMap<>();
        runs.forEach((id, started) -> millis.put(id, started.toEpochMilli()));
        try {
            return JSON.writeValueAsString(millis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write open runs", e);
        }
    }

    static Map<String, Instant> read(String json) {
        Map<String, Instant> runs = new LinkedHashMap<>();
        try {
            JSON.readValue(json, TYPE).forEach((id, started) -> runs.put(id, Instant.ofEpochMilli(started)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable open runs in heartbeat_memory: " + json, e);
        }
        return runs;
    }
}
