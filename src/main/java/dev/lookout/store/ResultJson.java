package dev.lookout.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lookout.check.CheckResult;
import dev.lookout.condition.ConditionResult;
import java.util.List;

/**
 * The JSON columns: a result's conditions, and a state change's cause. Instants are written as
 * epoch milliseconds, the precision of every timestamp column, so a cause reads back equal to
 * the stored result.
 */
final class ResultJson {

    private static final TypeReference<List<ConditionResult>> CONDITIONS = new TypeReference<>() {
    };

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            // a newer node may add fields; an older one reading them must not fail
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String conditions(List<ConditionResult> conditions) {
        return write(conditions);
    }

    List<ConditionResult> conditions(String json) {
        try {
            return mapper.readValue(json, CONDITIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conditions are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    String cause(CheckResult cause) {
        return cause == null ? null : write(cause);
    }

    CheckResult cause(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, CheckResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored state change cause is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
