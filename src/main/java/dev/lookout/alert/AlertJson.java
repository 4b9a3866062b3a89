package dev.lookout.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** How an alert is kept in the outbox: a {@link MonitorAlert} as JSON, or a text for messages about Lookout itself. */
final class AlertJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The body of a message without a monitor. */
    record Text(String text) {
    }

    private AlertJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert not serialisable", e);
        }
    }

    static MonitorAlert alert(String body) {
        return read(body, MonitorAlert.class);
    }

    static String text(String body) {
        return read(body, Text.class).text();
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
