package org.vigil.agent.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.testing.SettableClock;

/** The first way that can show the notice shows it, and the showing is reported with its time, user and way. */
class SignInNoticeShowerTest {
    private static final SignInNotice NOTICE = SignInNotice.newBuilder().setText("Monitored.").build();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T08:45:12.5Z"));
    private final List<NoticeShown> reported = new ArrayList<>();
    private final List<String> tried = new ArrayList<>();

    @Test
    void theFirstWayThatWorksShowsItAndTheShowingIsReported() {
        SignInNoticeShower shower = new SignInNoticeShower(List.of(way("notify-send", false), way("window", true),
                way("never-reached", true)), new TrayNotice(), reported::add, "pupil7", clock);

        assertEquals(Optional.of("window"), shower.show(NOTICE));

        assertEquals(List.of("notify-send", "window"), tried);
        assertEquals(1, reported.size());
        NoticeShown shown = reported.get(0);
        assertEquals("pupil7", shown.getUser());
        assertEquals("window", shown.getShownAs());
        assertEquals(Instant.parse("2026-11-30T08:45:12Z").getEpochSecond(), shown.getShownAt().getSeconds());
        assertEquals(500_000_000, shown.getShownAt().getNanos());
    }

    @Test
    void whenNoWayCanShowItNothingIsReportedAsShown() {
        SignInNoticeShower shower = new SignInNoticeShower(List.of(way("notify-send", false)), new TrayNotice(),
                reported::add, "pupil7", clock);
        assertEquals(Optional.empty(), shower.show(NOTICE));
        assertTrue(reported.isEmpty());
    }

    @Test
    void aLongUserNameIsCutToTheWiresLimit() {
        new SignInNoticeShower(List.of(way("window", true)), new TrayNotice(), reported::add,
                "u".repeat(WireNames.MAX_NAME_CHARS + 10), clock).show(NOTICE);
        assertEquals(WireNames.MAX_NAME_CHARS, reported.get(0).getUser().length());
    }

    @Test
    void linuxTriesNotifySendThenAWindowAndOtherSystemsAWindow() {
        List<NoticeDisplay> linux = SignInNoticeShower.waysFor("Linux", Map.of());
        assertTrue(linux.get(0) instanceof NotifySend && linux.get(1) instanceof NoticeWindow);
        assertTrue(SignInNoticeShower.waysFor("Windows 11", Map.of()).get(0) instanceof NoticeWindow);
        assertTrue(SignInNoticeShower.waysFor("Mac OS X", Map.of()).get(0) instanceof NoticeWindow);
    }

    @Test
    void theWindowsTextWrapsAtSpacesAndCutsOverlongWords() {
        assertEquals(List.of("one two", "three", "See x"), NoticeWindow.wrap("one two three\nSee x", 8));
        assertEquals(List.of("abcd", "efgh", "ij"), NoticeWindow.wrap("abcdefghij", 4));
    }

    private NoticeDisplay way(String name, boolean works) {
        return notice -> {
            tried.add(name);
            return works ? Optional.of(name) : Optional.empty();
        };
    }
}
