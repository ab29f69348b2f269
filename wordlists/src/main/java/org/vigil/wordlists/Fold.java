package org.vigil.wordlists;

import java.text.Normalizer;

/**
 * Folds one char to the form terms are matched in: compatibility forms, case, diacritics, look-alike letters from
 * other scripts and leetspeak digits and symbols all become a plain lower-case letter. Everything that is not a
 * letter or digit becomes {@link #SEPARATOR}; marks, apostrophes and invisible chars become {@link #IGNORED}.
 * Built once into lookup tables, so folding a char in the matcher's hot path is two array reads.
 */
final class Fold {
    static final char SEPARATOR = ' ';
    static final char IGNORED = '\uFFFF';
    /** A letter outside the Basic Multilingual Plane that no table folds: a word char no term can contain. */
    static final char OTHER_LETTER = '\uFFFE';
    /** What a {@code *} or {@code #} inside a word reads as: any one vowel ("p*rn", "f#ck"). Never typed. */
    static final char WILDCARD = '\uFFFD';

    private static final String LEET_FROM = "0134578@$";
    private static final String LEET_TO = "oieastbas";
    /** Look-alikes that Unicode normalisation leaves alone: Cyrillic, Greek, IPA and small capitals. */
    private static final String LOOKALIKE_FROM = "аАвВеЕёЁкКмМнНоОрРсСтТуУхХѕЅіІїЇјЈԁһӏӀ"
            + "αΑβΒεΕηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧζΖ"
            + "ɑɡɩıʋʏɪʟɴʀᴀʙᴄᴅᴇғɢʜᴊᴋᴍᴏᴘꜱᴛᴜᴠᴡᴢ";
    private static final String LOOKALIKE_TO = "aabbeeeekkmmhhooppccttyyxxssiiiijjdhll"
            + "aabbeehhiikkmmvvooppttuuxxzz"
            + "agiiuyilnrabcdefghjkmopstuvwz";
    private static final String IGNORABLE = "'’‘`´ʼ\u00AD\u200B\u200C\u200D\u2060\uFEFF";

    private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];
    private static final byte[] HOW = new byte[Character.MAX_VALUE + 1];
    private static final int SUPPLEMENTARY_FROM = 0x1D400;
    private static final int SUPPLEMENTARY_TO = 0x1F200;
    private static final char[] FOLDED_SUPPLEMENTARY = new char[SUPPLEMENTARY_TO - SUPPLEMENTARY_FROM];

    static {
        if (LEET_FROM.length() != LEET_TO.length() || LOOKALIKE_FROM.length() != LOOKALIKE_TO.length()) {
            throw new IllegalStateException("fold tables are misaligned");
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)) {
                FOLDED[c] = IGNORED;
                continue;
            }
            int entry = entry(c);
            FOLDED[c] = (char) entry;
            HOW[c] = (byte) (entry >>> 16);
        }
        for (int cp = SUPPLEMENTARY_FROM; cp < SUPPLEMENTARY_TO; cp++) {
            FOLDED_SUPPLEMENTARY[cp - SUPPLEMENTARY_FROM] = (char) entry(cp);
        }
    }

    private Fold() {
    }

    /** The folded form of a BMP char: a lower-case letter or digit, {@link #SEPARATOR} or {@link #IGNORED}. */
    static char of(char c) {
        return FOLDED[c];
    }

    /**
     * The folded form of {@code text[i]}, reading a surrogate pair as one code point: its high half is
     * {@link #IGNORED} and its low half carries the fold (styled maths letters and regional indicators fold to
     * letters; emoji are separators).
     */
    static char at(CharSequence text, int i) {
        char c = text.charAt(i);
        if (!Character.isLowSurrogate(c)) {
            return FOLDED[c];
        }
        if (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))) {
            return IGNORED;
        }
        return supplementary(Character.toCodePoint(text.charAt(i - 1), c));
    }

    static char supplementary(int codePoint) {
        if (codePoint >= SUPPLEMENTARY_FROM && codePoint < SUPPLEMENTARY_TO) {
            return FOLDED_SUPPLEMENTARY[codePoint - SUPPLEMENTARY_FROM];
        }
        return Character.isLetterOrDigit(codePoint) ? OTHER_LETTER : SEPARATOR;
    }

    /** Which normalisations folding {@code text[i]} needed, as a bit set over {@link Normalisation#ordinal()}. */
    static int howAt(CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isLowSurrogate(c)) {
            char folded = at(text, i);
            return folded == IGNORED || folded == SEPARATOR || folded == OTHER_LETTER
                    ? 0 : 1 << Normalisation.COMPATIBILITY.ordinal();
        }
        return HOW[c];
    }

    /**
     * The letter a masking symbol stands for when it sits inside a word ({@code !} for i, {@code *} and {@code #}
     * for any vowel), or 0 for any other char.
     */
    static char maskLetter(char c) {
        return switch (c) {
            case '!', '\u00A1' -> 'i';
            case '*', '#' -> WILDCARD;
            default -> 0;
        };
    }

    /**
     * Like {@link #at}, but a masking symbol with word chars on both sides (before {@code limit}) reads as its
     * letter: "k!ll" is "kill", "p*rn" is "p" + {@link #WILDCARD} + "rn"; "kill!" and "*sigh*" keep it a separator.
     */
    static char inWord(CharSequence text, int i, int limit) {
        char folded = at(text, i);
        if (folded != SEPARATOR) {
            return folded;
        }
        char letter = maskLetter(text.charAt(i));
        if (letter == 0 || !wordCharBeside(text, i, -1, 0) || !wordCharBeside(text, i, 1, limit)) {
            return folded;
        }
        return letter;
    }

    private static boolean wordCharBeside(CharSequence text, int i, int direction, int bound) {
        for (int j = i + direction; direction < 0 ? j >= bound : j < bound; j += direction) {
            char folded = at(text, j);
            if (folded == IGNORED || (folded == SEPARATOR && maskLetter(text.charAt(j)) != 0)) {
                continue;
            }
            return folded != SEPARATOR;
        }
        return false;
    }

    static boolean isWord(char folded) {
        return folded != SEPARATOR && folded != IGNORED;
    }

    /** The folded char in the low 16 bits, the {@link Normalisation} bits it needed above them. */
    private static int entry(int c) {
        if (c < 0x10000 && IGNORABLE.indexOf(c) >= 0) {
            return IGNORED;
        }
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return IGNORED;
        }
        int leet = leetIndex(c);
        if (leet >= 0) {
            return LEET_TO.charAt(leet) | bit(Normalisation.LEETSPEAK);
        }
        int lookalike = c < 0x10000 ? LOOKALIKE_FROM.indexOf(c) : -1;
        if (lookalike >= 0) {
            return LOOKALIKE_TO.charAt(lookalike) | bit(Normalisation.LOOKALIKE);
        }
        if (c < 0x80 || isCjkOrHangul(c) || !mayFoldToLetterOrDigit(type)) {
            if (!Character.isLetterOrDigit(c)) {
                return SEPARATOR;
            }
            int lower = Character.toLowerCase(c);
            return lower | (lower != c ? bit(Normalisation.CASE) : 0);
        }
        String original = new String(Character.toChars(c));
        String decomposed = Normalizer.normalize(original, Normalizer.Form.NFKD);
        for (int i = 0; i < decomposed.length(); i++) {
            char d = decomposed.charAt(i);
            if (Character.isLetterOrDigit(d)) {
                return folded(c, original, decomposed, Character.toLowerCase(d));
            }
        }
        return Character.isLetterOrDigit(c) ? OTHER_LETTER : SEPARATOR;
    }

    private static int folded(int c, String original, String decomposed, char lower) {
        int how = 0;
        char result = lower;
        int leet = leetIndex(lower);
        int lookalike = LOOKALIKE_FROM.indexOf(lower);
        if (leet >= 0) {
            result = LEET_TO.charAt(leet);
            how |= bit(Normalisation.LEETSPEAK);
        } else if (lookalike >= 0) {
            result = LOOKALIKE_TO.charAt(lookalike);
            how |= bit(Normalisation.LOOKALIKE);
        }
        if (!decomposed.equals(original)) {
            if (decomposed.chars().anyMatch(ch -> Character.getType(ch) == Character.NON_SPACING_MARK)) {
                how |= bit(Normalisation.DIACRITICS);
            }
            if (!decomposed.equals(Normalizer.normalize(original, Normalizer.Form.NFD))) {
                how |= bit(Normalisation.COMPATIBILITY);
            }
        }
        if (how == 0 && lower != c) {
            how |= bit(Normalisation.CASE);
        }
        return result | how;
    }

    private static boolean mayFoldToLetterOrDigit(int type) {
        return switch (type) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private static int bit(Normalisation normalisation) {
        return 1 << (16 + normalisation.ordinal());
    }

    private static int leetIndex(int c) {
        return c < 0x80 ? LEET_FROM.indexOf(c) : -1;
    }

    private static boolean isCjkOrHangul(int c) {
        return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
    }
}
