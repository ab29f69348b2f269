package org.vigil.console.pupils;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An uploaded or given MIS export's bytes as text: UTF-8 only, so a name is never silently garbled. */
public final class MisFile {
    private MisFile() {
    }

    /**
     * @throws ImportRefused naming every line that is not UTF-8 (as a spreadsheet's "CSV (Windows)" export is not)
     */
    public static String decode(byte[] bytes) {
        try {
            return strictUtf8(bytes, 0, bytes.length);
        } catch (CharacterCodingException e) {
            List<ImportProblem> problems = new ArrayList<>();
            int start = 0;
            int line = 1;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    try {
                        strictUtf8(bytes, start, i - start);
                    } catch (CharacterCodingException bad) {
                        problems.add(new ImportProblem(line, "", "not UTF-8 text; export the file as \"CSV UTF-8\""
                                + " from the MIS or spreadsheet"));
                    }
                    start = i + 1;
                    line++;
                }
            }
            throw new ImportRefused(problems);
        }
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }
}
