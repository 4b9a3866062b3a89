package dev.lookout.check;

import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import java.util.List;

/**
 * One kind of check ({@code http}, {@code tcp}, ...): how its keys are read from the
 * configuration, which placeholders its conditions may use, and how a check is built. Adding a
 * type is writing one of these and registering it in {@link CheckTypes}.
 */
public interface CheckType {

    /** The value of {@code type:} in the configuration. */
    String name();

    /** The placeholders conditions may use, as documented ({@code header.NAME} stands for any header). */
    List<String> placeholders();

    /**
     * Whether conditions may read {@code subject}: one of {@link #placeholders()}, or a name under a
     * pattern placeholder whose last part is upper case ({@code header.NAME} offers
     * {@code header.x-id}, {@code body.$.PATH} offers any {@code body.$...} JSONPath).
     */
    default boolean offers(String subject) {
        for (String placeholder : placeholders()) {
            if (placeholder.equals(subject)) {
                return true;
            }
            int dot = placeholder.lastIndexOf('.');
            String tail = placeholder.substring(dot + 1);
            if (dot > 0 && !tail.isEmpty() && tail.chars().allMatch(c -> Character.isUpperCase(c) || c == '_')) {
                String prefix = placeholder.substring(0, dot + 1);
                if (prefix.endsWith("$.")) {
                    prefix = prefix.substring(0, prefix.length() - 1); // body.$[0] and body.$..x are JSONPaths too
                }
                if (subject.startsWith(prefix) && subject.length() > prefix.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The type's own keys, beside the ones every monitor has: every key {@link #read} reads, and
     * nothing else (the loader rejects the others; the JSON Schema of the file shows these).
     */
    List<ConfigKey> keys();

    /** Reads this type's keys from a monitor node, reporting errors on it; null when unusable. */
    MonitorTypes.TypeSettings read(ConfigNode monitor, List<Condition> conditions);

    Check create(Object settings, CheckContext context);

    /**
     * Whether the scheduler runs this type's checks (pull). A pushed type (heartbeat) returns
     * false: its results come from pings, and {@code interval}/{@code timeout} do not apply.
     */
    default boolean scheduled() {
        return true;
    }
}
