package org.vigil.console.auth;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as an SVG image (one path, dark modules on a white ground with the standard four-module quiet zone), so
 * the enrolment page needs no image file, script or third-party service.
 */
public final class QrSvg {
    private static final int QUIET_ZONE = 4;

    private QrSvg() {
    }

    /** The SVG markup of a QR code for the text (medium error correction). */
    public static String of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\" width=\""
                + side * 6 + "\" height=\"" + side * 6 + "\" shape-rendering=\"crispEdges\" role=\"img\""
                + " aria-label=\"QR code of the two-factor secret\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
