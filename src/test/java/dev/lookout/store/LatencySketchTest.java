package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

    private static final double[] QUANTILES = {0, 0.1, 0.5, 0.9, 0.95, 0.99, 1};

    @Test
    void answers_quantiles_of_random_latencies_within_two_percent() {
        Random random = new Random(42);
        double[] values = new double[20_000];
        LatencySketch sketch = new LatencySketch();
        for (int i = 0; i < values.length; i++) {
            // log-normal around 80 ms with a long tail, like real response times
            values[i] = Math.exp(Math.log(80) + random.nextGaussian() * 0.8);
            sketch.add(values[i]);
        }
        Arrays.sort(values);

        for (double q : QUANTILES) {
            double exact = values[Math.max(0, (int) Math.ceil(q * values.length) - 1)];
            assertThat(sketch.quantile(q)).as("q=%s", q).isCloseTo(exact, within(exact * 0.02));
        }
    }

    @Test
    void merged_sketches_equal_the_sketch_of_the_union() {
        Random random = new Random(7);
        LatencySketch a = new LatencySketch();
        LatencySketch b = new LatencySketch();
        LatencySketch union = new LatencySketch();
        for (int i = 0; i < 5_000; i++) {
            double fast = random.nextDouble() * 50;
            double slow = 200 + random.nextDouble() * 3_000;
            a.add(fast);
            b.add(slow);
            union.add(fast);
            union.add(slow);
        }
        a.add(0);
        union.add(0);

        a.merge(b);

        assertThat(a.toBytes()).isEqualTo(union.toBytes());
        assertThat(a.count()).isEqualTo(union.count()).isEqualTo(10_001);
        for (double q : QUANTILES) {
            assertThat(a.quantile(q)).isEqualTo(union.quantile(q));
        }
    }

    @Test
    void survives_a_round_trip_through_bytes() {
        LatencySketch sketch = new LatencySketch();
        for (double v : new double[] {0, 0.0005, 0.4, 3, 12.5, 12.6, 980, 45_000}) {
            sketch.add(v);
        }

        LatencySketch read = LatencySketch.fromBytes(sketch.toBytes());

        assertThat(read.count()).isEqualTo(8);
        assertThat(read.toBytes()).isEqualTo(sketch.toBytes());
        assertThat(read.quantile(0.5)).isEqualTo(sketch.quantile(0.5));
        assertThat(sketch.toBytes().length).isLessThan(30);
    }

    @Test
    void keeps_the_stored_format_byte_for_byte() {
        LatencySketch sketch = new LatencySketch();
        for (double v : new double[] {100, 1, 0.5, 0, 1}) {
            sketch.add(v);
        }

        // version 1, one zero, three buckets: index -34 (zig-zag 67) once, 0 (+34: 68) twice, 231 (462) once
        byte[] stored = {1, 1, 3, 67, 1, 68, 2, (byte) 0xCE, 3, 1};
        assertThat(sketch.toBytes()).isEqualTo(stored);
        assertThat(LatencySketch.fromBytes(stored).quantile(1)).isEqualTo(sketch.quantile(1)).isCloseTo(100, within(1.0));
    }

    @Test
    void merging_a_sketch_that_reaches_further_on_both_sides_counts_everything() {
        LatencySketch middle = new LatencySketch();
        middle.add(40);
        LatencySketch wide = new LatencySketch();
        wide.add(2);
        wide.add(40);
        wide.add(9_000);

        middle.merge(wide);
        middle.merge(new LatencySketch());

        assertThat(middle.count()).isEqualTo(4);
        assertThat(middle.quantile(0)).isCloseTo(2, within(0.04));
        assertThat(middle.quantile(0.5)).isCloseTo(40, within(0.8));
        assertThat(middle.quantile(1)).isCloseTo(9_000, within(180.0));
        assertThat(LatencySketch.fromBytes(middle.toBytes()).toBytes()).isEqualTo(middle.toBytes());
    }

    @Test
    void an_empty_sketch_has_no_quantiles() {
        assertThat(new LatencySketch().quantile(0.95)).isNaN();
        assertThat(LatencySketch.fromBytes(null).count()).isZero();
    }
}
