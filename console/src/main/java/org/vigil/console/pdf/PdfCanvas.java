package org.vigil.console.pdf;

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

/**
 * A4 pages written top to bottom with the standard Helvetica fonts (no font file needed), a new page when the next
 * thing does not fit: what the case export, the subject access PDF and the governor report share. A character the
 * fonts cannot show (an emoji, a non-Latin script, a control character) is written as "?" rather than failing the
 * document.
 */
public final class PdfCanvas implements AutoCloseable {
    public static final float MARGIN = 50;

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream stream;
    private float y;

    public PdfCanvas() throws IOException {
        newPage();
    }

    public PDDocument document() {
        return document;
    }

    /** The page being written; replaced by {@link #newPage()}. */
    public PDPageContentStream stream() {
        return stream;
    }

    public PDType1Font regular() {
        return regular;
    }

    public PDType1Font bold() {
        return bold;
    }

    /** The width between the margins. */
    public float width() {
        return width;
    }

    /** Where the next thing goes, from the page's bottom edge. */
    public float y() {
        return y;
    }

    public void moveTo(float newY) {
        y = newY;
    }

    public void down(float distance) {
        y -= distance;
    }

    /** A new page unless {@code needed} still fits above the bottom margin. */
    public void room(float needed) throws IOException {
        if (y - needed < MARGIN) {
            newPage();
        }
    }

    public void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** One line of text with its baseline at {@code atY}, unshowable characters as "?". */
    public void show(PDType1Font font, float size, float x, float atY, String text) throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, atY);
        stream.showText(showable(font, text));
        stream.endText();
    }

    /** The text in lines no wider than {@code maxWidth}; a word longer than a line is cut. */
    public List<String> wrap(PDType1Font font, float size, String text, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : showable(font, text).split(" ", -1)) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > maxWidth) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
            while (font.getStringWidth(line.toString()) / 1000 * size > maxWidth && line.length() > 1) {
                int cut = line.length() - 1;
                while (cut > 1 && font.getStringWidth(line.substring(0, cut)) / 1000 * size > maxWidth) {
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
    public static String showable(PDType1Font font, String text) {
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

    public void save(OutputStream out) throws IOException {
        stream.close();
        document.save(out);
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
