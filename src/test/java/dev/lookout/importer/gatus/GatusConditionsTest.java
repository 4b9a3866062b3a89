package dev.lookout.importer.gatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.condition.Condition;
import dev.lookout.condition.ConditionParser;
import dev.lookout.condition.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gatus' documented conditions (README, "Conditions", "Placeholders", "Functions") in Lookout's
 * language. Each translation is parsed by Lookout's condition parser, and the ones whose meaning
 * could drift (patterns, any(), numbers against times) are evaluated on the values of the README's
 * passing and failing examples.
 */
class GatusConditionsTest {

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "[STATUS] == 200 | http | status == 200",
            "[STATUS] < 300 | http | status < 300",
            "[STATUS] <= 299 | http | status <= 299",
            "[STATUS] > 400 | http | status > 400",
            "[STATUS] == any(200, 429) | http | status in [200, 429]",
            "[STATUS] != any(500, 503) | http | status not in [500, 503]",
            "[RESPONSE_TIME] < 500 | http | latency < 500ms",
            "[BODY] == 1 | http | body == 1",
            "[BODY].user.name == john | http | body.$.user.name == \"john\"",
            "[BODY].data[0].id == 1 | http | body.$.data[0].id == 1",
            "[BODY].age == [BODY].id | http | body.$.age == (body.$.id)",
            "len([BODY].data) < 5 | http | len(body.$.data) < 5",
            "[BODY].name == pat(john*) | http | body.$.name == /john.*/",
            "[BODY].name != pat(john*) | http | not (body.$.name == /john.*/)",
            "[BODY].id == any(1, 2) | http | body.$.id in [1, 2]",
            "[BODY].status == UP | http | body.$.status == \"UP\"",
            "[BODY].healthy == true | http | body.$.healthy == true",
            "[CERTIFICATE_EXPIRATION] > 48h | http | cert.expires_in > 2d",
            "[CERTIFICATE_EXPIRATION] > 1h30m | tls | cert.expires_in > 90m",
            "[DNS_RCODE] == NOERROR | dns | dns.rcode == \"NOERROR\"",
            "[BODY] == 93.184.215.14 | dns | dns.answers contains \"93.184.215.14\"",
            "[BODY] == pat(*.*.*.*) | dns | dns.answers matches /^.*\\..*\\..*\\..*$/",
            "[BODY] == pat(*served by*) | websocket | message == /.*served by.*/",
            "200 == [STATUS] | http | status == 200",
            "300 > [STATUS] | http | status < 300",
    })
    void translates_each_documented_form(String gatus, String type, String lookout) throws Exception {
        GatusConditions.Translated translated = new GatusConditions(type).translate(gatus);

        assertThat(translated.problem()).isNull();
        assertThat(translated.condition()).isEqualTo(lookout);
        ConditionParser.parse(translated.condition());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "[CONNECTED] == true | tcp",
            "[CONNECTED] == true | icmp",
            "[CONNECTED] == true | http",
    })
    void a_successful_connection_is_implied(String gatus, String type) {
        assertThat(new GatusConditions(type).translate(gatus)).isEqualTo(GatusConditions.Translated.implied());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "has([BODY].errors) == false | http | Lookout has no has(): a missing JSON path already fails a condition on it",
            "[IP] == 127.0.0.1 | http | Lookout has no placeholder for the address connected to",
            "[DOMAIN_EXPIRATION] > 720h | http | Lookout does not look up domain registrations",
            "[BODY].price == [CONTEXT].price | http | suite context exists in Gatus suites only",
            "[STATUS] == 200 | tcp | [STATUS] is not available for Lookout's tcp check",
            "[BODY] == pat(*PONG*) | tcp | Lookout's tcp check offers no body to compare",
            "[CONNECTED] == false | tcp | Lookout cannot expect a connection to fail",
            "[STATUS] < pat(3*) | http | Gatus' pat() and any() work with == and != only",
            "[STATUS] = 200 | http | it has no comparison Gatus knows",
    })
    void says_why_a_condition_has_no_equivalent(String gatus, String type, String reason) {
        GatusConditions.Translated translated = new GatusConditions(type).translate(gatus);

        assertThat(translated.condition()).isNull();
        assertThat(translated.problem()).isEqualTo(reason);
    }

    @Test
    void patterns_and_any_keep_gatus_meaning_on_the_readmes_examples() throws Exception {
        Condition pattern = translate("[BODY].name == pat(john*)", "http");
        assertThat(holds(pattern, Map.of("body", "{\"name\":\"john.doe\"}"))).isTrue();
        assertThat(holds(pattern, Map.of("body", "{\"name\":\"bob\"}"))).isFalse();
        assertThat(holds(pattern, Map.of("body", "{\"name\":\"xjohn\"}"))).isFalse();

        Condition any = translate("[STATUS] == any(200, 429)", "http");
        assertThat(holds(any, Map.of("status", 429L))).isTrue();
        assertThat(holds(any, Map.of("status", 201L))).isFalse();

        Condition ipv4 = translate("[BODY] == pat(*.*.*.*)", "dns");
        assertThat(holds(ipv4, Map.of("dns.answers", List.of("93.184.215.14")))).isTrue();
        assertThat(holds(ipv4, Map.of("dns.answers", List.of("2001:db8::1")))).isFalse();

        Condition fast = translate("[RESPONSE_TIME] < 500", "http");
        assertThat(holds(fast, Map.of("latency", Duration.ofMillis(499)))).isTrue();
        assertThat(holds(fast, Map.of("latency", Duration.ofMillis(500)))).isFalse();

        Condition certificate = translate("[CERTIFICATE_EXPIRATION] > 48h", "http");
        assertThat(holds(certificate, Map.of("cert.expires_in", Duration.ofHours(49)))).isTrue();
        assertThat(holds(certificate, Map.of("cert.expires_in", Duration.ofHours(24)))).isFalse();
    }

    private static Condition translate(String gatus, String type) throws Exception {
        return ConditionParser.parse(new GatusConditions(type).translate(gatus).condition());
    }

    private static boolean holds(Condition condition, Map<String, Object> values) {
        Observation observation = placeholder -> Optional.ofNullable(values.get(placeholder));
        return condition.evaluate(observation, Instant.EPOCH).passed();
    }
}
