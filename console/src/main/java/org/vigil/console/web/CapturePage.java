package org.vigil.console.web;

/** The page for one capture. */
public record CapturePage(PageHeader header, CaptureDetail capture) {
}
