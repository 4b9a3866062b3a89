package dev.lookout.status;

import java.util.Locale;

/**
 * Draws a {@link Badge} as SVG in the shape of Shields.io's flat badges, so that Lookout's badges
 * sit in a README beside theirs. Text widths are estimated from the advance widths of Verdana at
 * 11 px (the font Shields measures with; the SVG lists Verdana first and falls back to similar
 * fonts), and each text gets a {@code textLength} so that a viewer with another font still fits it
 * in its box. Every text is XML-escaped, so a label from a query string stays text.
 */
public final class BadgeRenderer {
    private static final int HEIGHT = 20;
    private static final int PADDING = 5;
    /** Width of characters outside the table (non-ASCII): as wide as '@', the widest, so that they fit. */
    private static final double WIDE = 11.0;
    /** Verdana 11 px advance widths of the printable ASCII characters {@code ' '} (32) to {@code '~'} (126), in px. */
    private static final double[] VERDANA_11 = {
            3.87, 4.33, 5.05, 9.00, 6.99, 11.84, 7.99, 2.95, 5.00, 5.00, 6.99, 9.00, 4.00, 5.00, 4.00, 5.00, // space to /
            6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, // 0-9
            5.00, 5.00, 9.00, 9.00, 9.00, 6.00, 11.00, // : ; < = > ? @
            7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5.00, 7.62, 6.12, 9.27, 8.23, 8.66, 6.63, 8.66, 7.65, // A-R
            7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54, // S-Z
            5.00, 5.00, 5.00, 9.00, 6.99, 6.99, // [ \ ] ^ _ `
            6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.70, 6.96, 6.68, 6.85, 6.85, 4.69, // a-r
            5.73, 4.33, 6.96, 6.51, 9.00, 6.51, 6.51, 5.78, // s-z
            6.98, 5.00, 6.98, 9.00 // { | } ~
    };

    private BadgeRenderer() {
    }

    public static String render(Badge badge, BadgeStyle style) {
        double labelText = textWidth(badge.label());
        double valueText = textWidth(badge.value());
        int left = (int) Math.ceil(labelText) + 2 * PADDING;
        int right = (int) Math.ceil(valueText) + 2 * PADDING;
        int width = left + right;
        String label = escape(badge.label());
        String value = escape(badge.value());
        boolean flat = style == BadgeStyle.FLAT;
        StringBuilder svg = new StringBuilder(1_200);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(label).append(": ").append(value).append("\">")
                .append("<title>").append(label).append(": ").append(value).append("</title>");
        if (flat) {
            svg.append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>")
                    .append("<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>")
                    .append("<clipPath id=\"r\"><rect width=\"").append(width).append("\" height=\"").append(HEIGHT)
                    .append("\" rx=\"3\" fill=\"#fff\"/></clipPath><g clip-path=\"url(#r)\">");
        } else {
            svg.append("<g shape-rendering=\"crispEdges\">");
        }
        svg.append("<rect width=\"").append(left).append("\" height=\"").append(HEIGHT).append("\" fill=\"").append(Badge.LABEL_GREY)
                .append("\"/><rect x=\"").append(left).append("\" width=\"").append(right).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"").append(escape(badge.color())).append("\"/>");
        if (flat) {
            svg.append("<rect width=\"").append(width).append("\" height=\"").append(HEIGHT).append("\" fill=\"url(#s)\"/>");
        }
        svg.append("</g><g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\"")
                .append(" text-rendering=\"geometricPrecision\" font-size=\"110\">");
        text(svg, label, left * 5, labelText, flat);
        text(svg, value, (left * 2 + right) * 5, valueText, flat);
        return svg.append("</g></svg>").toString();
    }

    /** Drawn at ten times the size and scaled down, as Shields does, for sub-pixel placement; flat adds a shadow. */
    private static void text(StringBuilder svg, String escaped, int centreTimesTen, double width, boolean shadow) {
        String length = String.format(Locale.ROOT, "%d", Math.round(width * 10));
        if (shadow) {
            svg.append("<text aria-hidden=\"true\" x=\"").append(centreTimesTen).append("\" y=\"150\" fill=\"#010101\" fill-opacity=\".3\"")
                    .append(" transform=\"scale(.1)\" textLength=\"").append(length).append("\">").append(escaped).append("</text>");
        }
        svg.append("<text x=\"").append(centreTimesTen).append("\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"")
                .append(length).append("\">").append(escaped).append("</text>");
    }

    /** Estimated width in px of {@code text} in Verdana 11 px. */
    static double textWidth(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            width += c >= 32 && c <= 126 ? VERDANA_11[c - 32] : Character.isISOControl(c) ? 0 : WIDE;
        }
        return width;
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
