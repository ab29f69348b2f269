package org.vigil.console.store;

/** Where a capture's screenshot is stored, and its size. */
public record ScreenshotRef(String sha256, String mediaType, int width, int height) {
}
