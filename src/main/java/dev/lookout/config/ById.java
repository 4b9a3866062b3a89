package dev.lookout.config;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list of configured items that also finds them by id (the configuration's lists
 * are looked up by id on hot paths: the alert engine asks for a monitor at every state change).
 * Equal to any list with the same items in the same order. Ids are unique (the loader checks).
 */
final class ById<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> items;
    private final Map<String, T> byId;

    private ById(List<T> items, Function<T, String> id) {
        this.items = List.copyOf(items);
        this.byId = new HashMap<>();
        for (T item : this.items) {
            byId.putIfAbsent(id.apply(item), item); // the first one, as a scan would find it
        }
    }

    static <T> ById<T> of(List<T> items, Function<T, String> id) {
        return items instanceof ById<T> indexed ? indexed : new ById<>(items, id);
    }

    Optional<T> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
