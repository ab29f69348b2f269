package org.vigil.console.web;

/** One row of the captures table, formatted for display. */
public record CaptureRow(long id, String time, int severity, String category, String pupil, String device,
                         String matchedText, String status) {

    public String href() {
        return "/captures/" + id;
    }
}
