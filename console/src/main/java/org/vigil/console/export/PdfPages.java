package org.vigil.console.export;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.vigil.console.pdf.PdfCanvas;

/** A4 pages of wrapped text and images, top to bottom, for the case export and the subject access PDF. */
final class PdfPages implements AutoCloseable {
    private static final float BODY_SIZE = 10;
    private static final float LEADING = 13;

    private final PdfCanvas canvas = new PdfCanvas();

    PdfPages() throws IOException {
    }

    void title(String text) throws IOException {
        write(canvas.bold(), 15, text);
        canvas.down(6);
    }

    void heading(String text) throws IOException {
        canvas.down(6);
        write(canvas.bold(), 12, text);
    }

    /** "Label: value", the label in bold, the value wrapped. */
    void field(String label, String value) throws IOException {
        write(canvas.bold(), BODY_SIZE, label);
        paragraph(value);
    }

    void paragraph(String text) throws IOException {
        for (String line : (text == null ? "" : text).split("\r?\n", -1)) {
            write(canvas.regular(), BODY_SIZE, line);
        }
    }

    /** Continues on a new page. */
    void pageBreak() throws IOException {
        canvas.newPage();
    }

    /** The image scaled to the page's width (and at most half a page high). */
    void image(byte[] data, String name) throws IOException {
        PDImageXObject image = PDImageXObject.createFromByteArray(canvas.document(), data, name);
        float scale = Math.min(canvas.width() / image.getWidth(),
                (PDRectangle.A4.getHeight() / 2) / image.getHeight());
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        canvas.room(h);
        canvas.down(h);
        canvas.stream().drawImage(image, PdfCanvas.MARGIN, canvas.y(), w, h);
        canvas.down(LEADING);
    }

    void save(OutputStream out) throws IOException {
        canvas.save(out);
    }

    @Override
    public void close() throws IOException {
        canvas.close();
    }

    private void write(PDType1Font font, float size, String text) throws IOException {
        for (String line : canvas.wrap(font, size, text, canvas.width())) {
            canvas.room(LEADING);
            canvas.down(size + (LEADING - BODY_SIZE));
            canvas.show(font, size, PdfCanvas.MARGIN, canvas.y(), line);
        }
    }
}
