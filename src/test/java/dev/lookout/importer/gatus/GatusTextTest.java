package dev.lookout.importer.gatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.importer.Draft;
import dev.lookout.importer.Variable;
import dev.lookout.importer.Verbatim;
import org.junit.jupiter.api.Test;

/** Gatus' environment syntax ($VAR, ${VAR}, $$) in Lookout's (${VAR}, $${). */
class GatusTextTest {
    private final Draft draft = new Draft();
    private final GatusText text = new GatusText(draft);

    @Test
    void both_reference_forms_become_lookouts_and_are_listed() {
        assertThat(text.value("Bearer $API_TOKEN", "x")).isEqualTo(new Verbatim("Bearer ${API_TOKEN}"));
        assertThat(text.value("https://${DOMAIN}/health", "x")).isEqualTo(new Verbatim("https://${DOMAIN}/health"));
        assertThat(draft.finish(java.util.List.of()).variables()).extracting(Variable::name).containsExactly("API_TOKEN", "DOMAIN");
    }

    @Test
    void a_doubled_dollar_is_a_literal_dollar_and_plain_text_stays_plain() {
        assertThat(text.value("pa$$word", "x")).isEqualTo("pa$word");
        assertThat(text.value("costs 5$", "x")).isEqualTo("costs 5$");
        assertThat(text.value("$$HOME and $HOME", "x")).isEqualTo(new Verbatim("$HOME and ${HOME}"));
        assertThat(text.value("$${ and $X", "x")).isEqualTo(new Verbatim("$${ and ${X}"));
    }

    @Test
    void a_secret_in_clear_moves_to_a_new_variable_and_a_reference_stays() {
        assertThat(text.secret("hunter2", "email_PASSWORD", "s", "o")).isEqualTo(new Variable("EMAIL_PASSWORD", "s", "o"));
        assertThat(text.secret("${SMTP_PASSWORD}", "email_PASSWORD", "s", "o")).isEqualTo(new Verbatim("${SMTP_PASSWORD}"));
    }
}
