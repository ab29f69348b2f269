package org.vigil.console.store;

/** Screenshot bytes as received, before storing. */
public record ScreenshotImage(byte[] data, String mediaType, int width, int height) {
}
