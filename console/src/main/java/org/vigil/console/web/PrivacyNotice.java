package org.vigil.console.web;

import java.util.List;
import java.util.Map;
import org.vigil.console.retention.RetentionPolicy;
import org.vigil.console.settings.Setting;

/**
 * The public privacy notice (no sign-in) a school links from its acceptable-use policy: built on every request from
 * the live settings and policy, so it cannot drift from what the system does (issue 14).
 */
public record PrivacyNotice(PageHeader header, String schoolName, List<String> categories, RetentionPolicy retention,
                            String contact) {

    static PrivacyNotice from(Map<Setting, String> settings, List<String> categories) {
        String school = settings.get(Setting.SCHOOL_NAME);
        return new PrivacyNotice(PageHeader.anonymous("Monitoring and your privacy"),
                school == null || school.isBlank() ? "This school" : school, categories,
                RetentionPolicy.from(settings), settings.getOrDefault(Setting.PRIVACY_CONTACT, ""));
    }

    /** Years and months for the audit log's months, in words. */
    public String auditPeriod() {
        int months = retention.auditMonths();
        return months % 12 == 0 ? months / 12 + " years" : months + " months";
    }
}
