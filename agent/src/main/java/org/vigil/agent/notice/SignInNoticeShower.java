package org.vigil.agent.notice;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.SignInNotice;

/**
 * Shows the sign-in notice once at the start of the helper (which the desktop starts at each sign-in) by the first
 * way that works here, and reports that it did ({@link NoticeShown}: when, the helper's own user, how) for the
 * school's records; keeps the tray icon's text current as the school changes the notice.
 */
public final class SignInNoticeShower {
    private static final Logger log = LoggerFactory.getLogger(SignInNoticeShower.class);

    private final List<NoticeDisplay> ways;
    private final TrayNotice tray;
    private final Consumer<NoticeShown> report;
    private final String user;
    private final Clock clock;

    /**
     * @param ways   tried in order until one shows the notice
     * @param report where the record of the showing goes (the device service, which names the user itself)
     */
    public SignInNoticeShower(List<NoticeDisplay> ways, TrayNotice tray, Consumer<NoticeShown> report, String user,
                              Clock clock) {
        this.ways = List.copyOf(ways);
        this.tray = tray;
        this.report = report;
        this.user = user;
        this.clock = clock;
    }

    /** notify-send, then a window, on Linux; a window elsewhere (Windows toasts and macOS notifications: not yet). */
    public static List<NoticeDisplay> waysFor(String osName, Map<String, String> env) {
        return osName.toLowerCase(Locale.ROOT).contains("linux")
                ? List.of(new NotifySend(env), new NoticeWindow())
                : List.of(new NoticeWindow());
    }

    /**
     * Shows the notice and reports how.
     *
     * @return how it was shown; empty if no way could (logged: the pupil was not told, and the school is not told
     *         it was shown)
     */
    public Optional<String> show(SignInNotice notice) {
        tray.show(notice);
        for (NoticeDisplay way : ways) {
            Optional<String> shown = way.show(notice);
            if (shown.isPresent()) {
                Instant now = clock.instant();
                report.accept(NoticeShown.newBuilder()
                        .setShownAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                        .setUser(cut(user)).setShownAs(cut(shown.get())).build());
                log.info("sign-in notice shown ({})", shown.get());
                return shown;
            }
        }
        log.warn("the sign-in notice could not be shown in this session (no notification server and no display)");
        return Optional.empty();
    }

    /** The school changed the notice: the tray icon says the new one (it is shown in full at the next sign-in). */
    public void changed(SignInNotice notice) {
        tray.show(notice);
    }

    private static String cut(String text) {
        return text.length() <= WireNames.MAX_NAME_CHARS ? text : text.substring(0, WireNames.MAX_NAME_CHARS);
    }
}
