package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.store.MonitorRecord;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The response-time chart: its data from real rollups, and an SVG that parses and says what it shows. */
class ResponseTimeChartTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");

    @TempDir
    Path dir;

    @Test
    void hourly_points_come_from_the_rollups_and_an_hour_without_results_is_a_gap() {
        ManualTime clock = new ManualTime(NOW.minus(Duration.ofHours(5)));
        try (Store store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults().withClock(clock))) {
            store.syncMonitors(List.of(new MonitorRecord("api", "api", "http", null, "{}")));
            for (int h = 5; h >= 1; h--) {
                if (h == 3) {
                    continue; // nothing checked that hour
                }
                Instant hour = NOW.minus(Duration.ofHours(h));
                for (int i = 0; i < 4; i++) {
                    store.append(new CheckResult("api", hour.plusSeconds(60L * i), Outcome.OK, "ok",
                            Timings.totalOnly((100L + h * 10) * 1000), List.of()));
                }
            }
            store.flush();
            clock.advance(Duration.ofHours(5));
            List<ResponseTimeChart.Point> points = new ResponseTimes(store, clock).of("api", ResponseTimes.Window.DAY);

            assertThat(points).hasSize(24);
            assertThat(points.getLast().start()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
            ResponseTimeChart.Point fiveHoursAgo = points.get(points.size() - 6);
            assertThat(fiveHoursAgo.start()).isEqualTo(Instant.parse("2026-11-23T05:00:00Z"));
            assertThat(fiveHoursAgo.avgMillis()).isEqualTo(150.0);
            assertThat(points.get(points.size() - 4).avgMillis()).as("07:00, nothing checked").isNaN();
            assertThat(points.getFirst().avgMillis()).isNaN();
        }
    }

    @Test
    void the_svg_parses_names_itself_and_breaks_its_lines_at_gaps() throws Exception {
        List<ResponseTimeChart.Point> points = List.of(
                new ResponseTimeChart.Point(NOW, 100, 180), new ResponseTimeChart.Point(NOW, 120, 240),
                new ResponseTimeChart.Point(NOW, Double.NaN, Double.NaN), new ResponseTimeChart.Point(NOW, 90, 130),
                new ResponseTimeChart.Point(NOW, 95, 150));
        String svg = ResponseTimeChart.svg("rt-api-day", "Response time <API> & \"more\"", "average 101 ms", points);
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Response time <API> & \"more\"");
        assertThat(doc.getElementsByTagName("desc").item(0).getTextContent()).isEqualTo("average 101 ms");
        assertThat(doc.getElementsByTagName("polyline").getLength()).as("two runs for each of the two lines").isEqualTo(4);
        assertThat(doc.getElementsByTagName("text").getLength()).as("a stretched SVG holds no text: the labels are HTML").isZero();
        assertThat(ResponseTimeChart.top(points)).as("the next 1-2-5 step above the highest p95 (240)").isEqualTo(500);
    }

    @Test
    void a_window_with_one_period_of_results_has_no_chart_to_draw() {
        List<ResponseTimeChart.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            points.add(new ResponseTimeChart.Point(NOW, Double.NaN, Double.NaN));
        }
        points.set(23, new ResponseTimeChart.Point(NOW, 120, 150)); // the first hour of a new install
        assertThat(ResponseTimeChart.drawable(points)).isFalse();
        assertThat(ResponseTimeChart.svg("rt-a-day", "t", "d", points)).isNull();
        assertThat(ResponseTimeChart.svg("rt-a-day", "t", "d", List.of())).isNull();
    }

    @Test
    void a_lone_period_between_gaps_is_a_marker_not_a_zero_length_line() throws Exception {
        List<ResponseTimeChart.Point> points = List.of(new ResponseTimeChart.Point(NOW, 100, 180),
                new ResponseTimeChart.Point(NOW, Double.NaN, Double.NaN), new ResponseTimeChart.Point(NOW, 90, 130),
                new ResponseTimeChart.Point(NOW, 95, 150));
        Document doc = parse(ResponseTimeChart.svg("rt-a-day", "t", "d", points));
        assertThat(doc.getElementsByTagName("polyline").getLength()).as("the run of two, for each line").isEqualTo(2);
        var markers = doc.getElementsByTagName("line");
        long dots = java.util.stream.IntStream.range(0, markers.getLength()).mapToObj(i -> (org.w3c.dom.Element) markers.item(i))
                .filter(e -> e.getAttribute("class").contains("rt-dot")).count();
        assertThat(dots).as("the first period, for each line").isEqualTo(2);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void the_scale_rounds_up_to_one_two_or_five() {
        assertThat(ResponseTimeChart.niceCeiling(240)).isEqualTo(500);
        assertThat(ResponseTimeChart.niceCeiling(1000)).isEqualTo(1000);
        assertThat(ResponseTimeChart.niceCeiling(1001)).isEqualTo(2000);
        assertThat(ResponseTimeChart.niceCeiling(0)).isZero();
        assertThat(ResponseTimeChart.millis(2000)).isEqualTo("2 s");
    }
}
