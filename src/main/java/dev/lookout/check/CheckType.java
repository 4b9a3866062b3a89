package dev.lookout.check;

import dev.lookout.condition.Condition;
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

    boolean offers(String subject);

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
