package dev.lookout.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A mergeable latency histogram with about 1 % relative error on every quantile (the DDSketch
 * idea): values fall into logarithmic buckets {@code (gamma^(i-1), gamma^i]} with
 * {@code gamma = (1 + a) / (1 - a)}, and a bucket reports the value that is within {@code a} of
 * everything in it. Merging adds bucket counts, so hours merge into days and days into ranges
 * without raw data, and the result equals the sketch of the union.
 *
 * <p>Not thread-safe; one instance belongs to one rollup being built or read.
 */
final class LatencySketch {

    static final double RELATIVE_ACCURACY = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /** Latencies at or below one microsecond (in ms) are counted as zero: no check is that fast. */
    private static final double MIN_INDEXABLE = 0.001;
    /** First byte of the serialised form; a change of accuracy or layout gets a new one. */
    private static final byte FORMAT_V1 = 1;

    /**
     * Bucket counts by index, densely from {@link #lowest}: a month of hours merges 720 sketches per
     * page view, and adding arrays is what keeps that cheap (a tree of boxed counts took 80 % of the
     * console's CPU at 10,000 monitors). Indexes span about -350 (1 µs) to 700 (an hour).
     */
    private long[] counts = new long[0];
    private int lowest;
    private long zeroCount;
    private long count;

    void add(double millis) {
        if (Double.isNaN(millis)) {
            return;
        }
        count++;
        if (millis <= MIN_INDEXABLE) {
            zeroCount++;
            return;
        }
        int index = index(millis);
        cover(index, index);
        counts[index - lowest]++;
    }

    void merge(LatencySketch other) {
        zeroCount += other.zeroCount;
        count += other.count;
        int first = other.firstUsed();
        if (first < 0) {
            return;
        }
        int last = other.lastUsed();
        cover(other.lowest + first, other.lowest + last);
        int shift = other.lowest - lowest;
        for (int i = first; i <= last; i++) {
            counts[i + shift] += other.counts[i];
        }
    }

    long count() {
        return count;
    }

    /** The value at quantile {@code q} (0..1) within the relative accuracy, or NaN when empty. */
    double quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be within [0, 1], was " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        // Nearest rank, 0-based: the smallest value with at least q of all values at or below it,
        // so the p95 of three results is the slowest, not the middle one.
        long rank = Math.max(0, (long) Math.ceil(q * count) - 1);
        long seen = zeroCount;
        if (rank < seen) {
            return 0;
        }
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (rank < seen) {
                return value(lowest + i);
            }
        }
        return value(lowest + lastUsed());
    }

    /**
     * Version byte, then varints: zero count, number of buckets, and per bucket (ascending) the
     * zig-zag delta of its index to the previous one and its count. A typical hour of one monitor
     * spans a few dozen buckets, so this stays around a hundred bytes.
     */
    byte[] toBytes() {
        int used = 0;
        for (long n : counts) {
            used += n == 0 ? 0 : 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + used * 3);
        out.write(FORMAT_V1);
        writeVarLong(out, zeroCount);
        writeVarLong(out, used);
        int previous = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                int delta = lowest + i - previous;
                writeVarLong(out, (delta << 1) ^ (delta >> 31));
                writeVarLong(out, counts[i]);
                previous = lowest + i;
            }
        }
        return out.toByteArray();
    }

    /** Reads {@link #toBytes()}; {@code null} or empty means an empty sketch. */
    static LatencySketch fromBytes(byte[] bytes) {
        LatencySketch sketch = new LatencySketch();
        if (bytes == null || bytes.length == 0) {
            return sketch;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != FORMAT_V1) {
            throw new IllegalArgumentException("unknown latency sketch format " + format);
        }
        sketch.zeroCount = readVarLong(in);
        sketch.count = sketch.zeroCount;
        long size = readVarLong(in);
        int[] indexes = new int[(int) size];
        long[] ns = new long[(int) size];
        int index = 0;
        for (int i = 0; i < size; i++) {
            int zigzag = (int) readVarLong(in);
            index += (zigzag >>> 1) ^ -(zigzag & 1);
            indexes[i] = index;
            ns[i] = readVarLong(in);
        }
        if (size > 0) {
            int low = Arrays.stream(indexes).min().getAsInt();
            int high = Arrays.stream(indexes).max().getAsInt();
            sketch.cover(low, high);
            for (int i = 0; i < size; i++) {
                sketch.counts[indexes[i] - sketch.lowest] += ns[i];
                sketch.count += ns[i];
            }
        }
        return sketch;
    }

    /** Grows the array so that it holds the indexes {@code from..to}. */
    private void cover(int from, int to) {
        if (counts.length == 0) {
            counts = new long[to - from + 1];
            lowest = from;
            return;
        }
        int highest = lowest + counts.length - 1;
        if (from >= lowest && to <= highest) {
            return;
        }
        int low = Math.min(from, lowest);
        int high = Math.max(to, highest);
        long[] grown = new long[high - low + 1];
        System.arraycopy(counts, 0, grown, lowest - low, counts.length);
        counts = grown;
        lowest = low;
    }

    private int firstUsed() {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    private int lastUsed() {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static int index(double value) {
        return (int) Math.ceil(Math.log(value) / LOG_GAMMA);
    }

    /** The point of bucket {@code i} with the same relative distance to both of its ends. */
    private static double value(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint in latency sketch");
    }
}
