package org.vigil.console.settings;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.vigil.console.auth.Role;
import org.vigil.console.reports.TermDates;
import org.vigil.console.request.InvalidRequest;

/**
 * One of the school's settings: its key in the store, its default, who may change it and how a value is checked.
 * A value is kept as the normalised text {@link #normalise} returns; {@link SchoolSettings} reads them typed.
 */
public enum Setting {
    TIME_ZONE("school.time_zone", "Europe/London", "The school's time zone", Set.of(Role.DSL, Role.IT_ADMIN),
            Setting::zone),
    SCHOOL_DAYS("school.days", "MON,TUE,WED,THU,FRI", "School days (for the morning digest)",
            Set.of(Role.DSL), Setting::days),
    DIGEST_TIME("alerts.digest_time", "08:00", "When the digest of severity 1-3 captures is sent",
            Set.of(Role.DSL), Setting::time),
    ESCALATION_MINUTES("alerts.escalation_minutes", "15",
            "Minutes before an unopened severity-5 capture is escalated", Set.of(Role.DSL),
            value -> minutes(value, 1, 24 * 60)),
    PUPIL_NAMES_IN_ALERTS("alerts.pupil_names", "true", "Alerts name the pupil", Set.of(Role.DSL),
            Setting::yesNo),
    SILENT_DEVICE_MINUTES("it.silent_minutes", "15", "Minutes without a heartbeat before IT is told a device is silent",
            Set.of(Role.IT_ADMIN, Role.DSL), value -> minutes(value, 5, 7 * 24 * 60)),
    SMTP_URL("mail.smtp_url", "", "Mail server (when VIGIL_SMTP_URL is not set)", Set.of(Role.IT_ADMIN), value -> value,
            true),
    ALERT_FROM("mail.from", "", "Alert emails come from (when VIGIL_ALERT_FROM is not set)", Set.of(Role.IT_ADMIN),
            value -> value),
    SCHOOL_NAME("school.name", "", "The school's name (on the public privacy notice)", Set.of(Role.DSL, Role.IT_ADMIN),
            value -> limited(value, 200)),
    PRIVACY_CONTACT("privacy.contact", "", "Whom pupils and parents contact about monitoring (the DPO), on the"
            + " public privacy notice", Set.of(Role.DSL), value -> limited(value, 500)),
    RETENTION_FALSE_POSITIVE_DAYS("retention.false_positive_days", "30",
            "Retention: days a false positive is kept after it was marked so", Set.of(Role.DSL),
            value -> count(value, 1, 3650, "days")),
    RETENTION_NO_FURTHER_ACTION_DAYS("retention.no_further_action_days", "365",
            "Retention: days a capture with no further action is kept after that decision", Set.of(Role.DSL),
            value -> count(value, 1, 3650, "days")),
    RETENTION_CLOSED_MONTHS_AFTER_EXPORT("retention.closed_months_after_export", "6",
            "Retention: months a closed case is kept after it was exported (never purged before it is exported)",
            Set.of(Role.DSL), value -> count(value, 1, 1200, "months")),
    RETENTION_SCREENSHOT_DAYS("retention.screenshot_days", "90",
            "Retention: days a decided capture keeps its screenshot (it may go before the capture)",
            Set.of(Role.DSL), value -> count(value, 1, 3650, "days")),
    RETENTION_AUDIT_MONTHS("retention.audit_months", "84",
            "Retention: months the audit log is kept (longer than any capture)", Set.of(Role.DSL),
            value -> count(value, 12, 1200, "months")),
    NOTICE_TEXT("agent.notice_text", SignInNoticeText.DEFAULT_TEXT,
            "Notice pupils see at each sign-in (empty: the default)", Set.of(Role.DSL, Role.IT_ADMIN),
            SignInNoticeText::text),
    NOTICE_LINK("agent.notice_link", "", "Policy link in the sign-in notice (http or https; empty: none)",
            Set.of(Role.DSL, Role.IT_ADMIN), SignInNoticeText::link),
    /** Reports' "this term" and "this year" (reports.TermDates): each term runs until the next starts. */
    TERM_STARTS("reports.term_starts", TermDates.DEFAULT,
            "Reports: first days of the autumn, spring and summer terms (MM-DD,MM-DD,MM-DD)", Set.of(Role.DSL),
            TermDates::normalise),
    /** On unless a school turns it off (audited like every change); see auth.TwoFactor. */
    TWO_FACTOR_REQUIRED("auth.two_factor_required", "true",
            "Two-factor sign-in required for DSLs, IT admins and admins", Set.of(Role.IT_ADMIN), Setting::yesNo);

    private static final Set<Setting> PER_SCHOOL = EnumSet.of(TIME_ZONE, SCHOOL_DAYS, DIGEST_TIME,
            ESCALATION_MINUTES, PUPIL_NAMES_IN_ALERTS, SILENT_DEVICE_MINUTES, RETENTION_FALSE_POSITIVE_DAYS,
            RETENTION_NO_FURTHER_ACTION_DAYS, RETENTION_CLOSED_MONTHS_AFTER_EXPORT, RETENTION_SCREENSHOT_DAYS,
            NOTICE_TEXT, NOTICE_LINK);

    private final String key;
    private final String defaultValue;
    private final String label;
    private final Set<Role> changedBy;
    private final UnaryOperator<String> normaliser;
    private final boolean secret;

    Setting(String key, String defaultValue, String label, Set<Role> changedBy, UnaryOperator<String> normaliser) {
        this(key, defaultValue, label, changedBy, normaliser, false);
    }

    Setting(String key, String defaultValue, String label, Set<Role> changedBy, UnaryOperator<String> normaliser,
            boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.label = label;
        this.changedBy = changedBy;
        this.normaliser = normaliser;
        this.secret = secret;
    }

    /** The setting stored under this key, if any is. */
    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String label() {
        return label;
    }

    /** Whether users of the role may change it (admins of any role may change every setting). */
    public boolean changeableBy(Role role) {
        return changedBy.contains(role);
    }

    /**
     * Whether a school may have its own value over the trust-wide default (ADR 0191): its time and days, alert
     * timings, retention of captures and the sign-in notice. The mail server, two-factor, term dates, the privacy
     * notice's name and contact, and the audit log's retention (one hash chain) are the console's.
     */
    public boolean perSchool() {
        return PER_SCHOOL.contains(this);
    }

    /** Whether the value may hold a password: the audit log then says only that it changed. */
    public boolean secret() {
        return secret;
    }

    /**
     * The value as it is stored, or a refusal that says what is wrong.
     *
     * @throws InvalidRequest for a value this setting cannot take
     */
    public String normalise(String value) {
        return normaliser.apply(value == null ? "" : value.strip());
    }

    private static String zone(String value) {
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw new InvalidRequest("\"" + value + "\" is not a time zone (for example Europe/London).");
        }
    }

    private static String time(String value) {
        try {
            return LocalTime.parse(value).withSecond(0).withNano(0).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("\"" + value + "\" is not a time of day (for example 08:00).");
        }
    }

    private static String days(String value) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : value.split("[,\\s]+")) {
            if (!day.isEmpty()) {
                days.add(SchoolSettings.day(day).orElseThrow(() -> new InvalidRequest(
                        "\"" + day + "\" is not a day of the week (MON, TUE, WED, THU, FRI, SAT, SUN).")));
            }
        }
        if (days.isEmpty()) {
            throw new InvalidRequest("Choose at least one school day.");
        }
        Set<String> names = new TreeSet<>((a, b) -> DayOfWeek.valueOf(a).compareTo(DayOfWeek.valueOf(b)));
        days.forEach(day -> names.add(day.name()));
        return String.join(",", names.stream().map(name -> name.substring(0, 3)).toList());
    }

    private static String minutes(String value, int min, int max) {
        return count(value, min, max, "minutes");
    }

    private static String limited(String value, int max) {
        if (value.length() > max) {
            throw new InvalidRequest("At most " + max + " characters.");
        }
        return value;
    }

    private static String count(String value, int min, int max, String unit) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return Integer.toString(number);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequest("Give a whole number of " + unit + " from " + min + " to " + max + ".");
    }

    private static String yesNo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> "true";
            case "false", "off", "no", "" -> "false";
            default -> throw new InvalidRequest("\"" + value + "\" is neither yes nor no.");
        };
    }
}
