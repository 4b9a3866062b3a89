package dev.lookout.status;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Draws a {@link Badge} as SVG in the shapes and sizes of Shields.io's badge-maker 6.0.0, so that
 * Lookout's badges sit in a README beside theirs in any of the {@link BadgeStyle styles}. Texts
 * are measured as badge-maker measures them ({@link BadgeFont}) and each gets a
 * {@code textLength}, so that a viewer with another font still fits it in its box; the shadow is
 * one translucent copy of the text (badge-maker adds a blurred one as well). Every text is
 * XML-escaped, so a label from a query string stays text.
 */
public final class BadgeRenderer {
    private static final String FONT = "Verdana,Geneva,DejaVu Sans,sans-serif";
    private static final String SOCIAL_FONT = "Helvetica Neue,Helvetica,Arial,sans-serif";
    private static final int PADDING = 5;

    private BadgeRenderer() {
    }

    public static String render(Badge badge, BadgeStyle style) {
        return switch (style) {
            case FLAT -> classic(badge, 20, 0, 3, "<stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
                    + "<stop offset=\"1\" stop-opacity=\".1\"/>");
            case PLASTIC -> classic(badge, 18, -10, 4, "<stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\".7\"/>"
                    + "<stop offset=\".1\" stop-color=\"#aaa\" stop-opacity=\".1\"/><stop offset=\".9\" stop-color=\"#000\""
                    + " stop-opacity=\".3\"/><stop offset=\"1\" stop-color=\"#000\" stop-opacity=\".5\"/>");
            case FLAT_SQUARE -> classic(badge, 20, 0, 0, null);
            case FOR_THE_BADGE -> forTheBadge(badge);
            case SOCIAL -> social(badge);
        };
    }

    /** flat, flat-square and plastic: grey label, coloured value; {@code gradient} null for square corners and no shine. */
    private static String classic(Badge badge, int height, int textShift, int radius, String gradient) {
        int labelText = BadgeFont.VERDANA_11.preferredWidth(badge.label());
        int valueText = BadgeFont.VERDANA_11.preferredWidth(badge.value());
        int left = labelText + 2 * PADDING;
        int right = valueText + 2 * PADDING;
        int width = left + right;
        StringBuilder svg = open(badge.label() + ": " + badge.value(), width, height);
        if (gradient != null) {
            svg.append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\">").append(gradient).append("</linearGradient>")
                    .append("<clipPath id=\"r\"><rect width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" rx=\"").append(radius).append("\" fill=\"#fff\"/></clipPath><g clip-path=\"url(#r)\">");
        } else {
            svg.append("<g shape-rendering=\"crispEdges\">");
        }
        rect(svg, 0, left, height, Badge.LABEL_GREY);
        rect(svg, left, right, height, badge.color());
        if (gradient != null) {
            rect(svg, 0, width, height, "url(#s)");
        }
        svg.append("</g><g fill=\"#fff\" text-anchor=\"middle\" font-family=\"").append(FONT)
                .append("\" text-rendering=\"geometricPrecision\" font-size=\"110\">");
        int y = 140 + textShift;
        text(svg, badge.label(), 10 * (1 + 0.5 * labelText + PADDING), y, labelText, gradient != null ? "#010101" : null, "");
        text(svg, badge.value(), 10 * (left - 1 + 0.5 * valueText + PADDING), y, valueText, gradient != null ? "#010101" : null, "");
        return svg.append("</g></svg>").toString();
    }

    /** for-the-badge: capitals in Verdana 10 px with letter spacing, the value in bold, 28 px high. */
    private static String forTheBadge(Badge badge) {
        String label = badge.label().toUpperCase(Locale.ROOT);
        String value = badge.value().toUpperCase(Locale.ROOT);
        double labelText = label.isEmpty() ? 0 : (int) BadgeFont.VERDANA_10.width(label) + 1.25 * label.length();
        double valueText = value.isEmpty() ? 0 : (int) BadgeFont.VERDANA_10_BOLD.width(value) + 1.25 * value.length();
        double left = 12 + labelText + 12;
        double right = 12 + valueText + 12;
        StringBuilder svg = open(label + ": " + value, left + right, 28).append("<g shape-rendering=\"crispEdges\">");
        rect(svg, 0, left, 28, Badge.LABEL_GREY);
        rect(svg, left, right, 28, badge.color());
        svg.append("</g><g fill=\"#fff\" text-anchor=\"middle\" font-family=\"").append(FONT)
                .append("\" text-rendering=\"geometricPrecision\" font-size=\"100\">");
        text(svg, label, 10 * (12 + 0.5 * labelText), 175, labelText, null, "");
        text(svg, value, 10 * (left + 12 + 0.5 * valueText), 175, valueText, null, " font-weight=\"bold\"");
        return svg.append("</g></svg>").toString();
    }

    /** social: a white button with the label capitalised, the value in a speech bubble; grey text, no colour. */
    private static String social(Badge badge) {
        String label = badge.label().isEmpty() ? "" : badge.label().substring(0, 1).toUpperCase(Locale.ROOT) + badge.label().substring(1);
        int labelText = BadgeFont.HELVETICA_11_BOLD.preferredWidth(label);
        int valueText = BadgeFont.HELVETICA_11_BOLD.preferredWidth(badge.value());
        int labelBox = labelText + 10;
        int valueBox = valueText + 8;
        double bubble = labelBox + 6.5;
        StringBuilder svg = open(label + ": " + badge.value(), labelBox + 1 + 6 + valueBox, 20)
                .append("<linearGradient id=\"a\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#fcfcfc\" stop-opacity=\"0\"/>")
                .append("<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient><g stroke=\"#d5d5d5\">")
                .append("<rect stroke=\"none\" fill=\"#fcfcfc\" x=\".5\" y=\".5\" width=\"").append(labelBox)
                .append("\" height=\"19\" rx=\"2\"/><rect x=\"").append(num(bubble)).append("\" y=\".5\" width=\"").append(valueBox)
                .append("\" height=\"19\" rx=\"2\" fill=\"#fafafa\"/><rect x=\"").append(labelBox + 6)
                .append("\" y=\"7.5\" width=\".5\" height=\"5\" stroke=\"#fafafa\"/><path d=\"M").append(num(bubble))
                .append(" 6.5 l-3 3v1 l3 3\" fill=\"#fafafa\"/></g><g aria-hidden=\"true\" fill=\"#333\" text-anchor=\"middle\"")
                .append(" font-family=\"").append(SOCIAL_FONT).append("\" text-rendering=\"geometricPrecision\" font-weight=\"700\"")
                .append(" font-size=\"110px\"><rect stroke=\"#d5d5d5\" fill=\"url(#a)\" x=\".5\" y=\".5\" width=\"").append(labelBox)
                .append("\" height=\"19\" rx=\"2\"/>");
        text(svg, label, 10 * (labelText / 2.0 + 5), 140, labelText, "#fff", "");
        text(svg, badge.value(), 10 * (labelBox + 6 + valueBox / 2.0), 140, valueText, "#fff", "");
        return svg.append("</g></svg>").toString();
    }

    private static StringBuilder open(String accessible, double width, int height) {
        String text = escape(accessible);
        return new StringBuilder(1_400).append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width))
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(text).append("\"><title>")
                .append(text).append("</title>");
    }

    private static void rect(StringBuilder svg, double x, double width, int height, String fill) {
        svg.append("<rect");
        if (x != 0) {
            svg.append(" x=\"").append(num(x)).append('"');
        }
        svg.append(" width=\"").append(num(width)).append("\" height=\"").append(height).append("\" fill=\"").append(escape(fill))
                .append("\"/>");
    }

    /**
     * A text drawn at ten times the size and scaled down, as Shields does, for sub-pixel placement;
     * with a {@code shadow} colour, a translucent copy 1 px lower goes first.
     */
    private static void text(StringBuilder svg, String text, double xTimesTen, int y, double width, String shadow, String extra) {
        if (text.isEmpty()) {
            return;
        }
        String escaped = escape(text);
        String common = " x=\"" + num(xTimesTen) + "\" transform=\"scale(.1)\" textLength=\"" + num(10 * width) + "\"" + extra;
        if (shadow != null) {
            svg.append("<text aria-hidden=\"true\"").append(common).append(" y=\"").append(y + 10).append("\" fill=\"").append(shadow)
                    .append('"').append("#fff".equals(shadow) ? "" : " fill-opacity=\".3\"").append('>').append(escaped).append("</text>");
        }
        svg.append("<text").append(common).append(" y=\"").append(y).append("\">").append(escaped).append("</text>");
    }

    /** A number as badge-maker writes it: no decimals when whole, else the shortest form (71.5). */
    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Escapes for XML text and attribute values; drops characters XML 1.0 cannot carry at all. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && (c < 0xD800 || c > 0xDFFF)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
