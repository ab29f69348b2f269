package org.vigil.console.web;

/**
 * One capture, formatted for display. The context is split around the match so the template can mark it up
 * while escaping every part.
 */
public record CaptureDetail(long id, String occurredAt, String receivedAt, int severity, String category,
                            String status, String pupil, String device, String deviceId, String windowTitle,
                            String app, String ruleId, String explanation, String matchedText,
                            String contextBefore, String contextMatch, String contextAfter, boolean hasScreenshot,
                            int screenshotWidth, int screenshotHeight, String eventId) {

    public String href() {
        return "/captures/" + id;
    }

    public String screenshotHref() {
        return href() + "/screenshot";
    }
}
