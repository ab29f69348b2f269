package org.vigil.agent.window;

/**
 * The screen's pixels, read one row at a time from where the windowing system left them, so a screenshot is encoded
 * without a copy of the whole screen on the heap. Valid only inside the call that hands it over.
 */
public interface ScreenRows {
    int width();

    int height();

    /** Row {@code y} into {@code rgb} as {@code 0xRRGGBB} ints (the top byte is not defined); its length is width. */
    void read(int y, int[] rgb);
}
