package dev.lookout.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void renders_markdown_and_keeps_the_source() {
        Markdown m = Markdown.of("We are **investigating** errors on [the API](https://api.example.com/).\n\n- one\n- two");
        assertThat(m.source()).startsWith("We are **investigating**");
        assertThat(m.html()).contains("<strong>investigating</strong>")
                .contains("<a href=\"https://api.example.com/\"")
                .contains("<li>one</li>");
    }

    @Test
    void script_event_handlers_and_javascript_links_come_out_inert() {
        String attack = """
                <script>alert(1)</script>

                <img src=x onerror="alert(2)">

                [click](javascript:alert(3)) and [this](JaVaScRiPt:alert(5) "t")

                <a href="javascript:alert(4)">raw link</a>

                <iframe src="https://evil.example"></iframe>
                """;
        String html = Markdown.of(attack).html();
        // what is left is text: escaped markup that a browser shows and never runs
        assertThat(html.toLowerCase())
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain(" onerror=")
                .doesNotContain("href=\"javascript")
                .doesNotContain("<iframe")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains(">click</a>").contains(">this</a>");
        assertThat(Markdown.of(attack).source()).isEqualTo(attack);
    }

    @Test
    void a_null_body_is_an_empty_text() {
        assertThat(Markdown.of(null).source()).isEmpty();
        assertThat(Markdown.of(null).html()).isEmpty();
    }
}
