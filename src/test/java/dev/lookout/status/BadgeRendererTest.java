package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class BadgeRendererTest {

    @Test
    void renders_valid_svg_with_the_label_and_the_value() throws Exception {
        Document svg = Svg.parse(BadgeRenderer.render(new Badge("uptime 24h", "99.95%", Badge.BRIGHT_GREEN), BadgeStyle.FLAT));

        Element root = svg.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("height")).isEqualTo("20");
        assertThat(root.getAttribute("aria-label")).isEqualTo("uptime 24h: 99.95%");
        assertThat(Svg.texts(svg)).containsExactly("uptime 24h", "uptime 24h", "99.95%", "99.95%");
        assertThat(rectFills(svg)).contains("#555", "#4c1");
    }

    @Test
    void the_width_follows_the_texts() throws Exception {
        int narrow = width(new Badge("status", "up", Badge.BRIGHT_GREEN));
        int wide = width(new Badge("status", "degraded", Badge.YELLOW));

        assertThat(wide).isGreaterThan(narrow);
        // Verdana 11 px: "status" 33.9 px and "up" 13.8 px, cut to 33 and 13 (odd), each with 5 px on both sides.
        assertThat(narrow).isEqualTo(33 + 10 + 13 + 10);
    }

    @ParameterizedTest
    @EnumSource(BadgeStyle.class)
    void a_hostile_label_stays_text_in_every_style(BadgeStyle style) throws Exception {
        String hostile = "<script>alert(1)</script>\" onload=\"alert(2)' & ]]>";

        String rendered = BadgeRenderer.render(new Badge(hostile, "up", Badge.BRIGHT_GREEN), style);
        Document svg = Svg.parse(rendered);

        assertThat(svg.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg.getDocumentElement().hasAttribute("onload")).isFalse();
        String shown = style == BadgeStyle.FOR_THE_BADGE ? hostile.toUpperCase(java.util.Locale.ROOT) : hostile;
        assertThat(Svg.texts(svg)).contains(shown);
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo(shown + ": "
                + (style == BadgeStyle.FOR_THE_BADGE ? "UP" : "up"));
        assertThat(rendered).doesNotContain("<script").containsIgnoringCase("&lt;script&gt;");
    }

    /** The sizes Shields' badge-maker 6.0.0 draws (test resource badges/, with how it was made). */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvFileSource(resources = "/badges/badge-maker-6.0.0.csv", numLinesToSkip = 1)
    void every_style_has_the_size_shields_gives_it(String style, String label, String value, String width, String height,
                                                   String labelLength, String valueLength) throws Exception {
        Document svg = Svg.parse(BadgeRenderer.render(new Badge(label, value, Badge.BRIGHT_GREEN),
                BadgeStyle.parse(style).orElseThrow()));

        assertThat(svg.getDocumentElement().getAttribute("width")).isEqualTo(width);
        assertThat(svg.getDocumentElement().getAttribute("height")).isEqualTo(height);
        List<String> lengths = new ArrayList<>();
        NodeList texts = svg.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            lengths.add(((Element) texts.item(i)).getAttribute("textLength"));
        }
        assertThat(lengths).first().isEqualTo(labelLength);
        assertThat(lengths).last().isEqualTo(valueLength);
    }

    @Test
    void for_the_badge_writes_capitals_and_social_capitalises_the_label_without_colour() throws Exception {
        Document loud = Svg.parse(BadgeRenderer.render(new Badge("status", "partial outage", Badge.ORANGE), BadgeStyle.FOR_THE_BADGE));
        assertThat(Svg.texts(loud)).containsExactly("STATUS", "PARTIAL OUTAGE");
        assertThat(rectFills(loud)).containsExactly("#555", "#fe7d37");

        Document social = Svg.parse(BadgeRenderer.render(new Badge("status", "down", Badge.RED), BadgeStyle.SOCIAL));
        assertThat(Svg.texts(social)).containsExactly("Status", "Status", "down", "down");
        assertThat(rectFills(social)).doesNotContain("#e05d44");

        Document plastic = Svg.parse(BadgeRenderer.render(new Badge("status", "down", Badge.RED), BadgeStyle.PLASTIC));
        assertThat(plastic.getDocumentElement().getAttribute("height")).isEqualTo("18");
        assertThat(rectFills(plastic)).contains("#555", "#e05d44");
    }

    @Test
    void characters_xml_cannot_carry_are_dropped_and_other_scripts_are_kept() throws Exception {
        Document svg = Svg.parse(BadgeRenderer.render(new Badge("a\u0000b\u001Fc", "état ✓ 稼働", Badge.GREEN), BadgeStyle.FLAT));

        assertThat(Svg.texts(svg)).contains("abc", "état ✓ 稼働");
    }

    @Test
    void flat_square_has_square_corners_and_no_gradient() throws Exception {
        String rendered = BadgeRenderer.render(new Badge("status", "down", Badge.RED), BadgeStyle.FLAT_SQUARE);
        Document svg = Svg.parse(rendered);

        assertThat(svg.getElementsByTagName("clipPath").getLength()).isZero();
        assertThat(svg.getElementsByTagName("linearGradient").getLength()).isZero();
        assertThat(rendered).contains("crispEdges");
        assertThat(Svg.texts(svg)).containsExactly("status", "down");
    }

    private static int width(Badge badge) throws Exception {
        return Integer.parseInt(Svg.parse(BadgeRenderer.render(badge, BadgeStyle.FLAT)).getDocumentElement().getAttribute("width"));
    }

    private static List<String> rectFills(Document svg) {
        NodeList nodes = svg.getElementsByTagName("rect");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(((Element) nodes.item(i)).getAttribute("fill"));
        }
        return out;
    }
}
