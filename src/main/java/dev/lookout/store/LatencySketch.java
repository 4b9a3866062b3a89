package dev.lookout.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

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

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
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
        buckets.merge(index(millis), 1L, Long::sum);
    }

    void merge(LatencySketch other) {
        zeroCount += other.zeroCount;
        count += other.count;
        other.buckets.forEach((index, n) -> buckets.merge(index, n, Long::sum));
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
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (rank < seen) {
                return value(bucket.getKey());
            }
        }
        return value(buckets.lastKey());
    }

    /**
     * Version byte, then varints: zero count, number of buckets, and per bucket (ascending) the
     * zig-zag delta of its index to the previous one and its count. A typical hour of one monitor
     * spans a few dozen buckets, so this stays around a hundred bytes.
     */
    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + buckets.size() * 3);
        out.write(FORMAT_V1);
        writeVarLong(out, zeroCount);
        writeVarLong(out, buckets.size());
        int previous = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            int delta = bucket.getKey() - previous;
            writeVarLong(out, (delta << 1) ^ (delta >> 31));
            writeVarLong(out, bucket.getValue());
            previous = bucket.getKey();
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
        int index = 0;
        for (long i = 0; i < size; i++) {
            int zigzag = (int) readVarLong(in);
            index += (zigzag >>> 1) ^ -(zigzag & 1);
            long n = readVarLong(in);
            sketch.buckets.put(index, n);
            sketch.count += n;
        }
        return sketch;
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
