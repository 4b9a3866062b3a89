package dev.lookout.web;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as an inline SVG image (Nayuki's QR Code generator, pure Java): one path of dark
 * squares, no script and no style, so the pages' Content-Security-Policy lets it show.
 */
final class QrCodeSvg {
    /** The light margin around the code, in modules: the standard asks for 4. */
    private static final int QUIET_ZONE = 4;

    private QrCodeSvg() {
    }

    /** The SVG markup of {@code text}'s QR code; it holds only numbers, so it needs no escaping. */
    static String of(String text) {
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = code.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                if (code.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" width=\"240\" height=\"240\""
                + " role=\"img\" aria-label=\"QR code of the secret, for an authenticator app\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
