package dev.lookout.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckTypesTest {
    private final CheckTypes types = CheckTypes.standard();

    @Test
    void pattern_placeholders_offer_every_name_under_them() {
        assertThat(types.offers("http", "header.x-request-id")).isTrue();
        assertThat(types.offers("http", "body.$.stats.updated_at")).isTrue();
        assertThat(types.offers("http", "body.$[0].name")).isTrue();
        assertThat(types.offers("postgres", "row.lag_seconds")).isTrue();
        assertThat(types.offers("redis", "info.used_memory")).isTrue();
    }

    @Test
    void plain_placeholders_are_offered_exactly_and_nothing_else() {
        assertThat(types.offers("http", "status")).isTrue();
        assertThat(types.offers("http", "header.")).isFalse();
        assertThat(types.offers("http", "headers")).isFalse();
        assertThat(types.offers("postgres", "row.")).isFalse();
        assertThat(types.offers("tcp", "status")).isFalse();
        assertThat(types.offers("dns", "dns.answers")).isTrue();
        assertThat(types.offers("dns", "dns.answerz")).isFalse();
    }

    @Test
    void only_heartbeats_are_not_scheduled() {
        assertThat(types.all()).filteredOn(t -> !t.scheduled()).extracting(CheckType::name).containsExactly("heartbeat");
    }
}
