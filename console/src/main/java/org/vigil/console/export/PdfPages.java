package org.vigil.console.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A4 pages of wrapped text and images, top to bottom, a new page when one is full. Uses the standard Helvetica
 * fonts, so no font file is needed; a character they cannot show (an emoji, a non-Latin script) is written as "?"
 * rather than failing the export.
 */
final class PdfPages implements AutoCloseable {
    private static final float MARGIN = 50;
    private static final float BODY_SIZE = 10;
    private static final float LEADING = 13;

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream stream;
    private float y;

    PdfPages() throws IOException {
        newPage();
    }

    void title(String text) throws IOException {
        write(bold, 15, text);
        y -= 6;
    }

    void heading(String text) throws IOException {
        y -= 6;
        write(bold, 12, text);
    }

    /** "Label: value", the label in bold, the value wrapped. */
    void field(String label, String value) throws IOException {
        write(bold, BODY_SIZE, label);
        paragraph(value);
    }

    void paragraph(String text) throws IOException {
        for (String line : (text == null ? "" : text).split("\r?\n", -1)) {
            write(regular, BODY_SIZE, line);
        }
    }

    /** Continues on a new page. */
    void pageBreak() throws IOException {
        newPage();
    }

    /** The image scaled to the page's width (and at most half a page high). */
    void image(byte[] data, String name) throws IOException {
        PDImageXObject image = PDImageXObject.createFromByteArray(document, data, name);
        float scale = Math.min(width / image.getWidth(), (PDRectangle.A4.getHeight() / 2) / image.getHeight());
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        if (y - h < MARGIN) {
            newPage();
        }
        y -= h;
        stream.drawImage(image, MARGIN, y, w, h);
        y -= LEADING;
    }

    void save(OutputStream out) throws IOException {
        stream.close();
        document.save(out);
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    private void write(PDType1Font font, float size, String text) throws IOException {
        for (String line : wrap(font, size, showable(font, text))) {
            if (y - LEADING < MARGIN) {
                newPage();
            }
            y -= size + (LEADING - BODY_SIZE);
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(line);
            stream.endText();
        }
    }

    private List<String> wrap(PDType1Font font, float size, String text) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
            while (font.getStringWidth(line.toString()) / 1000 * size > width && line.length() > 1) {
                int cut = line.length() - 1;
                while (cut > 1 && font.getStringWidth(line.substring(0, cut)) / 1000 * size > width) {
                    cut--;
                }
                lines.add(line.substring(0, cut));
                line = new StringBuilder(line.substring(cut));
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The text with each character the font cannot encode (and every control character) as "?". */
    private static String showable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            boolean ok = !Character.isISOControl(cp);
            if (ok) {
                try {
                    font.encode(ch);
                } catch (IOException | IllegalArgumentException e) {
                    ok = false;
                }
            }
            out.append(ok ? ch : "?");
        });
        return out.toString();
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }
}
