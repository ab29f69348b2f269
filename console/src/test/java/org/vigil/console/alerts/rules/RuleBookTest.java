package org.vigil.console.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.console.settings.SchoolSettings;

/** Which rule decides, and who is on call, at given instants in the school's zone (including the clock changes). */
class RuleBookTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final AlertRule SEVERE_AT_ONCE = rule(1, 4, 5, Optional.empty(), RuleHours.ANY, RuleAction.NOW,
            RuleRecipients.ALL_DSLS);
    private static final AlertRule BULLYING_IN_SCHOOL_AT_ONCE = rule(2, 3, 3, Optional.of("bullying"),
            RuleHours.SCHOOL, RuleAction.NOW, RuleRecipients.ROTA);
    private static final AlertRule OUT_OF_HOURS_NOTHING = rule(3, 1, 3, Optional.empty(), RuleHours.OUT,
            RuleAction.NONE, RuleRecipients.ALL_DSLS);
    private static final AlertRule MINOR_DIGEST = rule(4, 1, 3, Optional.empty(), RuleHours.ANY, RuleAction.DIGEST,
            RuleRecipients.ALL_DSLS);

    @Test
    void theFirstMatchingRuleDecidesBySeverityCategoryAndSchoolHours() {
        RuleBook book = book(List.of(MINOR_DIGEST, OUT_OF_HOURS_NOTHING, BULLYING_IN_SCHOOL_AT_ONCE, SEVERE_AT_ONCE),
                List.of(), "Europe/London");
        Instant mondayMorning = london(2026, 11, 30, 10, 0);
        Instant mondayNight = london(2026, 11, 30, 21, 0);
        Instant saturdayMorning = london(2026, 11, 28, 10, 0);

        assertEquals(Optional.of(SEVERE_AT_ONCE), book.ruleFor(5, "suicide", mondayNight));
        assertEquals(Optional.of(BULLYING_IN_SCHOOL_AT_ONCE), book.ruleFor(3, "bullying", mondayMorning));
        assertEquals(Optional.of(MINOR_DIGEST), book.ruleFor(3, "drugs", mondayMorning), "another category");
        assertEquals(Optional.of(OUT_OF_HOURS_NOTHING), book.ruleFor(3, "bullying", mondayNight));
        assertEquals(Optional.of(OUT_OF_HOURS_NOTHING), book.ruleFor(2, "bullying", saturdayMorning),
                "Saturday is not a school day");
        assertTrue(book.inSchoolHours(london(2026, 11, 30, 8, 30)), "school hours start at 08:30");
        assertFalse(book.inSchoolHours(london(2026, 11, 30, 15, 30)), "and end at 15:30");
    }

    @Test
    void withNoRuleMatchingNothingDecides() {
        RuleBook book = book(List.of(SEVERE_AT_ONCE), List.of(), "Europe/London");
        assertEquals(Optional.empty(), book.ruleFor(2, "gambling", london(2026, 11, 30, 10, 0)));
    }

    @Test
    void aBandThatEndsBeforeItStartsRunsPastMidnightIntoTheNextDay() {
        RotaEntry fridayNight = entry(1, DayOfWeek.FRIDAY, "18:00", "08:00", 1, 10, "alice");
        RotaEntry fridayNightDeputy = entry(2, DayOfWeek.FRIDAY, "18:00", "08:00", 2, 11, "bob");
        RotaEntry sundayAllDay = entry(3, DayOfWeek.SUNDAY, "00:00", "00:00", 1, 12, "carol");
        RuleBook book = book(List.of(SEVERE_AT_ONCE), List.of(fridayNightDeputy, fridayNight, sundayAllDay),
                "Europe/London");

        assertEquals(List.of(fridayNight, fridayNightDeputy), book.onCall(london(2026, 11, 27, 23, 30)),
                "Friday night, first on first");
        assertEquals(List.of(fridayNight, fridayNightDeputy), book.onCall(london(2026, 11, 28, 7, 59)),
                "still on early on Saturday");
        assertEquals(List.of(), book.onCall(london(2026, 11, 28, 8, 0)), "the band ends at 08:00 on Saturday");
        assertEquals(List.of(), book.onCall(london(2026, 11, 27, 17, 59)));
        assertEquals(List.of(sundayAllDay), book.onCall(london(2026, 11, 29, 0, 0)));
        assertEquals(List.of(sundayAllDay), book.onCall(london(2026, 11, 29, 23, 59)));
        assertEquals(List.of(), book.onCall(london(2026, 11, 30, 0, 0)), "00:00-00:00 is Sunday only");
    }

    @Test
    void aBandFromSundayNightRunsIntoMondayMorningAcrossTheEndOfTheWeek() {
        RotaEntry sundayNight = entry(1, DayOfWeek.SUNDAY, "20:00", "07:00", 1, 10, "alice");
        RuleBook book = book(List.of(SEVERE_AT_ONCE), List.of(sundayNight), "Europe/London");
        assertEquals(List.of(sundayNight), book.onCall(london(2026, 11, 30, 6, 59)));
        assertEquals(List.of(), book.onCall(london(2026, 11, 30, 7, 0)));
    }

    @Test
    void theRotaIsReadInTheSchoolsZoneNotTheServers() {
        RotaEntry evening = entry(1, DayOfWeek.MONDAY, "18:00", "22:00", 1, 10, "alice");
        Instant mondayEightPmNewYork = ZonedDateTime.of(2026, 11, 30, 20, 0, 0, 0, ZoneId.of("America/New_York"))
                .toInstant();
        assertEquals(List.of(evening), book(List.of(), List.of(evening), "America/New_York")
                .onCall(mondayEightPmNewYork));
        assertEquals(List.of(), book(List.of(), List.of(evening), "Europe/London").onCall(mondayEightPmNewYork),
                "it is 01:00 on Tuesday in London");
    }

    @Test
    void bandsKeepTheirLocalHoursWhenTheClocksChange() {
        // the clocks go back at 02:00 BST on Sunday 25 October 2026 and forward at 01:00 GMT on Sunday 29 March 2026
        RotaEntry saturdayNight = entry(1, DayOfWeek.SATURDAY, "22:00", "06:00", 1, 10, "alice");
        RuleBook book = book(List.of(), List.of(saturdayNight), "Europe/London");
        Instant octoberFiveThirtyGmt = Instant.parse("2026-10-25T05:30:00Z");
        Instant octoberSixGmt = Instant.parse("2026-10-25T06:00:00Z");
        assertEquals(List.of(saturdayNight), book.onCall(octoberFiveThirtyGmt), "05:30 GMT, after the change");
        assertEquals(List.of(), book.onCall(octoberSixGmt), "06:00 on the wall clock, GMT");
        Instant marchFourFiftyNineBst = Instant.parse("2026-03-29T04:59:00Z");
        Instant marchSixBst = Instant.parse("2026-03-29T05:00:00Z");
        assertEquals(List.of(saturdayNight), book.onCall(marchFourFiftyNineBst), "05:59 BST");
        assertEquals(List.of(), book.onCall(marchSixBst), "06:00 BST is 05:00 UTC");
        assertEquals(List.of(saturdayNight), book.onCall(Instant.parse("2026-03-28T22:00:00Z")),
                "22:00 GMT on Saturday before the change");

        RotaEntry theMissingHour = entry(2, DayOfWeek.SUNDAY, "01:00", "02:00", 1, 11, "bob");
        RuleBook gap = book(List.of(), List.of(theMissingHour), "Europe/London");
        assertEquals(List.of(), gap.onCall(Instant.parse("2026-03-29T00:59:00Z")), "00:59 GMT");
        assertEquals(List.of(), gap.onCall(Instant.parse("2026-03-29T01:00:00Z")),
                "01:00 GMT is 02:00 BST: the hour 01:00-02:00 does not happen that night");
        assertEquals(List.of(theMissingHour), gap.onCall(Instant.parse("2026-10-25T00:30:00Z")),
                "01:30 BST on the night the clocks go back");
        assertEquals(List.of(theMissingHour), gap.onCall(Instant.parse("2026-10-25T01:30:00Z")),
                "and 01:30 GMT, the same hour again");
    }

    @Test
    void aDslInTwoOverlappingBandsCountsOnceAtTheirFirstPlace() {
        RotaEntry allEvening = entry(1, DayOfWeek.MONDAY, "16:00", "23:00", 2, 10, "alice");
        RotaEntry early = entry(2, DayOfWeek.MONDAY, "16:00", "19:00", 1, 11, "bob");
        RotaEntry aliceAgain = entry(3, DayOfWeek.MONDAY, "17:00", "18:00", 3, 10, "alice");
        RuleBook book = book(List.of(), List.of(aliceAgain, allEvening, early), "Europe/London");
        assertEquals(List.of(early, allEvening), book.onCall(london(2026, 11, 30, 17, 30)));
    }

    @Test
    void aRuleSaysWhatItDoesInWords() {
        assertEquals("Severity 4-5, any category, at any time: alert at once to every DSL with an email, and the"
                + " webhook", withWebhook(SEVERE_AT_ONCE).describe(Map.of()));
        AlertRule named = new AlertRule(9, 1, 5, 5, Optional.of("suicide"), RuleHours.OUT, RuleAction.NOW,
                RuleRecipients.NAMED, List.of(10L, 11L), false);
        assertEquals("Severity 5, category suicide, out of hours: alert at once to alice, bob",
                named.describe(Map.of(10L, "alice", 11L, "bob")));
        assertEquals("Severity 1-3, any category, out of hours: no alert (the queue only)",
                OUT_OF_HOURS_NOTHING.describe(Map.of()));
    }

    private static AlertRule withWebhook(AlertRule r) {
        return new AlertRule(r.id(), r.position(), r.minSeverity(), r.maxSeverity(), r.category(), r.hours(),
                r.action(), r.recipients(), r.namedUserIds(), true);
    }

    private static AlertRule rule(int position, int min, int max, Optional<String> category, RuleHours hours,
                                  RuleAction action, RuleRecipients recipients) {
        return new AlertRule(position, position, min, max, category, hours, action, recipients, List.of(), false);
    }

    private static RotaEntry entry(long id, DayOfWeek day, String starts, String ends, int position, long userId,
                                   String username) {
        return new RotaEntry(id, new WeeklyBand(day, LocalTime.parse(starts), LocalTime.parse(ends)), position,
                userId, username);
    }

    private static RuleBook book(List<AlertRule> rules, List<RotaEntry> rota, String zone) {
        return new RuleBook(rules, rota, SchoolHours.DEFAULT,
                SchoolSettings.from(Map.of("school.time_zone", zone)));
    }

    private static Instant london(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, LONDON).toInstant();
    }
}
