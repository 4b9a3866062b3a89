package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        // Verdana 11 px: "status" 33.9 px and "up" 13.8 px, each with 5 px on both sides.
        assertThat(narrow).isEqualTo(34 + 10 + 14 + 10);
    }

    @Test
    void a_hostile_label_stays_text() throws Exception {
        String hostile = "<script>alert(1)</script>\" onload=\"alert(2)' & ]]>";

        String rendered = BadgeRenderer.render(new Badge(hostile, "up", Badge.BRIGHT_GREEN), BadgeStyle.FLAT);
        Document svg = Svg.parse(rendered);

        assertThat(svg.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg.getDocumentElement().hasAttribute("onload")).isFalse();
        assertThat(Svg.texts(svg)).contains(hostile);
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo(hostile + ": up");
        assertThat(rendered).doesNotContain("<script").contains("&lt;script&gt;");
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
