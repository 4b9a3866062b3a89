package dev.lookout.evaluate;

import dev.lookout.check.CheckResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The newest result of each monitor, kept in memory so that the API and the page need no query for it. */
public final class LatestResults {
    private final Map<String, CheckResult> latest = new ConcurrentHashMap<>();

    public void accept(CheckResult result) {
        latest.merge(result.monitorId(), result, CheckResult::newer);
    }

    public Optional<CheckResult> get(String monitorId) {
        return Optional.ofNullable(latest.get(monitorId));
    }
}
