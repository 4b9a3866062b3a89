package dev.lookout.condition;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JsonProvider;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluation of the conditions of one result: the observation, the time {@code age()} counts
 * to, each placeholder asked of the observation once and the body parsed as JSON at most once for
 * all conditions, and the values each condition read (its actual value).
 */
final class Scope {
    private static final JsonProvider JSON = Configuration.defaultConfiguration().jsonProvider();
    private static final Object NOT_READ = new Object();

    private final Observation observation;
    private final Instant now;
    private Object document = NOT_READ;
    private final Map<String, Object> values = new HashMap<>();
    /** Placeholder and value, in the order the current condition read them. */
    private final Map<String, Object> seen = new LinkedHashMap<>();

    Scope(Observation observation, Instant now) {
        this.observation = observation;
        this.now = now;
    }

    Instant now() {
        return now;
    }

    /** Forgets what the previous condition read (the parsed body is kept). */
    void beginCondition() {
        seen.clear();
    }

    Map<String, Object> seen() {
        return seen;
    }

    Object placeholder(String name) {
        Object value = read(name);
        seen.put(name, value);
        return value;
    }

    /** Each placeholder is asked of the observation once per result (an HTTP body is decoded on every ask). */
    private Object read(String name) {
        Object cached = values.get(name);
        if (cached == null) {
            Optional<Object> value = observation.value(name);
            cached = value == null || value.isEmpty() ? Values.Missing.VALUE : Values.normalize(value.get());
            values.put(name, cached);
        }
        return cached;
    }

    Object json(String name, JsonPath path) {
        Object value = readJson(path);
        seen.put(name, value);
        return value;
    }

    private Object readJson(JsonPath path) {
        if (document == NOT_READ) {
            Object body = read("body");
            if (Values.absent(body)) {
                document = body;
            } else {
                try {
                    document = JSON.parse(Values.text(body));
                } catch (RuntimeException e) {
                    document = null;
                }
                // The default parser is lenient and reads "<html>" as a string: only an object or array is JSON here.
                if (!(document instanceof Map<?, ?> || document instanceof java.util.List<?>)) {
                    document = new Values.Missing("missing (body is not JSON)");
                }
            }
        }
        if (document instanceof Values.Missing m) {
            return m;
        }
        try {
            return Values.normalize(path.read(document));
        } catch (PathNotFoundException e) {
            return Values.Missing.VALUE;
        } catch (RuntimeException e) {
            // The JSON is not the shape the path expects (an index into an object, ...).
            return Values.Missing.VALUE;
        }
    }
}
