package dev.lookout.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateEventsTest {
    private static StateChange change(int i) {
        return new StateChange("m" + i, Instant.parse("2026-12-07T12:00:00Z").plusSeconds(i), MonitorState.UP, MonitorState.DOWN,
                null);
    }

    @Test
    void a_dashboard_that_does_not_read_is_dropped_when_its_buffer_is_full_and_the_others_get_every_change() throws Exception {
        StateEvents events = new StateEvents(10);
        StateEvents.Subscriber stuck = events.subscribe();
        StateEvents.Subscriber reading = events.subscribe();
        int received = 0;
        for (int i = 0; i < 25; i++) {
            events.accept(change(i)); // returns at once, however full a queue is
            String event = reading.next(Duration.ZERO);
            assertThat(event).contains("\"id\":\"m" + i + "\"", "\"from\":\"up\"", "\"state\":\"down\"");
            received++;
        }
        assertThat(received).isEqualTo(25);
        assertThat(stuck.dropped()).isTrue();
        assertThat(StateEvents.ended(stuck.next(Duration.ZERO))).as("the stuck one's stream ends").isTrue();
        assertThat(reading.dropped()).isFalse();
        assertThat(events.subscribers()).isEqualTo(1);
    }

    @Test
    void a_change_is_one_complete_event_and_closing_ends_every_stream() throws Exception {
        StateEvents events = new StateEvents();
        StateEvents.Subscriber subscriber = events.subscribe();
        events.accept(change(1));
        assertThat(subscriber.next(Duration.ZERO)).isEqualTo("event: state\ndata: {\"id\":\"m1\",\"from\":\"up\",\"state\":\"down\","
                + "\"at\":\"2026-12-07T12:00:01Z\"}\n\n");
        events.close();
        assertThat(StateEvents.ended(subscriber.next(Duration.ofSeconds(5)))).isTrue();
        assertThat(subscriber.dropped()).isFalse();
        assertThat(events.subscribers()).isZero();
    }
}
