package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.List;
import org.vigil.wordlists.typo.Misspelling;

/**
 * The misspelt words read as listed words in a stretch of a line, oldest first: one slip per word, so a phrase with
 * two misspelt long words ("starvign mysefl") is read with both listed words in place (docs/adr/0210). Immutable; a
 * tracker makes one only where a slip is confirmed, which is rare.
 *
 * @param slips each slip with where its typed word is in the text
 */
record SlipsRead(List<Placed> slips) {
    /** At most this many slips are kept: more long misspelt words than this in one phrase are not read. */
    static final int MAX_SLIPS = 4;

    /** A misspelt word and where it was typed, {@code text[start, end)}. */
    record Placed(Misspelling misspelling, int start, int end) {
        int shift() {
            return misspelling.word().length() - (end - start);
        }
    }

    SlipsRead {
        slips = List.copyOf(slips);
    }

    /** These slips and a new one typed at {@code text[start, end)}, keeping only the earlier ones still in reach of it. */
    static SlipsRead after(SlipsRead earlier, Misspelling misspelling, int start, int end) {
        List<Placed> kept = new ArrayList<>();
        if (earlier != null) {
            for (Placed p : earlier.slips) {
                if (p.end <= start && start - p.start <= Feed.MAX_LINE) {
                    kept.add(p);
                }
            }
        }
        kept.add(new Placed(misspelling, start, end));
        return new SlipsRead(kept.subList(Math.max(0, kept.size() - MAX_SLIPS), kept.size()));
    }

    Placed last() {
        return slips.get(slips.size() - 1);
    }

    Placed first() {
        return slips.get(0);
    }

    /** The slips whose typed word lies in {@code text[from, to)}, or null when none does. */
    SlipsRead within(int from, int to) {
        List<Placed> in = slips.stream().filter(p -> p.start >= from && p.end <= to).toList();
        return in.isEmpty() ? null : in.size() == slips.size() ? this : new SlipsRead(in);
    }

    /** The slips ending at or before {@code length} (the rest were taken back by Backspace), or null when none is left. */
    SlipsRead upTo(int length) {
        return within(0, length);
    }

    /** The slips with their offsets {@code n} chars earlier, dropping those that started before {@code n}; or null. */
    SlipsRead shiftedBack(int n) {
        List<Placed> kept = slips.stream().filter(p -> p.start >= n)
                .map(p -> new Placed(p.misspelling, p.start - n, p.end - n)).toList();
        return kept.isEmpty() ? null : new SlipsRead(kept);
    }

    List<Misspelling> misspellings() {
        return slips.stream().map(Placed::misspelling).toList();
    }

    /** {@code text[floor, to)} with each listed word in place of what was typed. */
    CharSequence textWith(CharSequence text, int floor, int to) {
        StringBuilder read = new StringBuilder(to - floor + 8 * slips.size());
        int at = floor;
        for (Placed p : slips) {
            if (p.start < floor || p.end > to) {
                continue;
            }
            read.append(text, at, p.start).append(p.misspelling.word());
            at = p.end;
        }
        return read.append(text, at, to);
    }

    /** Where offset {@code offset} of the text is in {@link #textWith} from {@code floor}. */
    int toRead(int offset, int floor) {
        int shifted = offset - floor;
        for (Placed p : slips) {
            if (p.start >= floor && p.end <= offset) {
                shifted += p.shift();
            }
        }
        return shifted;
    }

    /**
     * Where a word start at {@code read} in {@link #textWith} from {@code floor} is in the text (a word start is never
     * inside a listed word read in: it is that word's start or outside it).
     */
    int toText(int read, int floor) {
        int offset = floor + read;
        for (Placed p : slips) {
            if (p.start < floor) {
                continue;
            }
            int readStart = toRead(p.start, floor);
            if (readStart < read) {
                offset -= p.shift();
            }
        }
        return offset;
    }
}
