package dev.lookout.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a value in {@code lookout.yaml} may be. The readers declare the keys they read with these
 * shapes ({@link ConfigNode#rejectUnknownKeys(List)} holds them to it) and {@link ConfigSchema}
 * turns the same shapes into the JSON Schema: one description of the file for both.
 */
public sealed interface ValueShape {

    /** Any single value, read as text; {@code choices}, when not empty, are the only words accepted. */
    record Text(List<String> choices) implements ValueShape {
        public Text {
            choices = List.copyOf(choices);
        }
    }

    /** A duration literal: a number and a unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
    record DurationText() implements ValueShape {
    }

    /** A whole number within {@code [min, max]}. */
    record WholeNumber(long min, long max) implements ValueShape {
    }

    /** {@code true}/{@code false} ({@code yes}/{@code no}, {@code on}/{@code off} too). */
    record Flag() implements ValueShape {
    }

    /** A list; with {@code single}, one value alone stands for a list of one. */
    record ListOf(ValueShape element, boolean single) implements ValueShape {
    }

    /** Names of the user's choosing, each with a text value (HTTP headers). */
    record NamedTexts() implements ValueShape {
    }

    /** One of several shapes ({@code auto_incident: true}, or a mapping). */
    record AnyOf(List<ValueShape> shapes) implements ValueShape {
        public AnyOf {
            shapes = List.copyOf(shapes);
        }
    }

    /**
     * A mapping with known keys. With a {@code discriminator} (the key {@code type}), the value of that
     * key selects more keys from {@code variants} (a monitor's check type, a channel's type).
     */
    record Mapping(List<ConfigKey> keys, String discriminator, Map<String, List<ConfigKey>> variants) implements ValueShape {
        public Mapping {
            keys = List.copyOf(keys);
            variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        }

        /** The keys of a mapping whose discriminator has the value {@code variant}: the common ones and the variant's. */
        public List<ConfigKey> keysOf(String variant) {
            List<ConfigKey> variantKeys = variant == null ? null : variants.get(variant);
            if (variantKeys == null) {
                return keys;
            }
            return java.util.stream.Stream.concat(keys.stream(), variantKeys.stream()).toList();
        }
    }

    ValueShape TEXT = new Text(List.of());
    ValueShape DURATION = new DurationText();
    ValueShape FLAG = new Flag();
    /** One text or a list of them. */
    ValueShape TEXTS = new ListOf(TEXT, true);
    ValueShape PORT = new WholeNumber(1, 65535);

    /** One of these words. */
    static ValueShape choice(String... words) {
        return new Text(List.of(words));
    }

    /** One of these words in upper or lower case (for a reader that ignores case). */
    static ValueShape anyCase(String... words) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (String word : words) {
            all.add(word.toUpperCase(java.util.Locale.ROOT));
        }
        for (String word : words) {
            all.add(word.toLowerCase(java.util.Locale.ROOT));
        }
        return new Text(List.copyOf(all));
    }

    static ValueShape whole(long min, long max) {
        return new WholeNumber(min, max);
    }

    /** A list of {@code element}s (never a single one). */
    static ValueShape listOf(ValueShape element) {
        return new ListOf(element, false);
    }

    static ValueShape anyOf(ValueShape... shapes) {
        return new AnyOf(List.of(shapes));
    }

    static Mapping mapping(ConfigKey... keys) {
        return new Mapping(List.of(keys), null, Map.of());
    }
}
