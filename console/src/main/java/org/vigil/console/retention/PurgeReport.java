package org.vigil.console.retention;

import java.util.Map;

/**
 * What one retention run removed: captures by rule (in words), screenshots taken off decided captures, incidents
 * left empty, screenshot files no capture used any more, and audit entries past the audit log's own retention.
 */
public record PurgeReport(Map<String, Integer> capturesByRule, int screenshots, int incidents, int files,
                          int auditEntries) {

    public PurgeReport {
        capturesByRule = Map.copyOf(capturesByRule);
    }

    public int captures() {
        return capturesByRule.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Lines for a person, one per kind of thing removed. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        capturesByRule.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(rule ->
                out.append("captures, ").append(rule.getKey()).append(": ").append(rule.getValue()).append('\n'));
        out.append("screenshots of decided captures: ").append(screenshots).append('\n')
                .append("empty incidents: ").append(incidents).append('\n')
                .append("screenshot files no capture uses: ").append(files).append('\n')
                .append("audit entries past their retention: ").append(auditEntries).append('\n');
        return out.toString();
    }
}
