package org.vigil.console.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.settings.Setting;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.NoticeShownRepository;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.SignInNotice;

/**
 * The sign-in notice the school set (ADR 0113), as agents receive it: after each Hello, and to every open stream
 * when the school changes it. And the record of each showing an agent reports, checked against the wire's limits
 * first: a report out of bounds is refused with the reason, and nothing is stored.
 */
public final class SignInNotices {
    /** The end of year 9999: a later (or negative) time is nonsense. */
    private static final long LATEST_SECONDS = 253_402_300_799L;
    private static final Logger LOG = LoggerFactory.getLogger(SignInNotices.class);

    private final Supplier<Map<Setting, String>> settings;
    private final NoticeShownRepository shown;
    private final LiveStreams live;

    public SignInNotices(Supplier<Map<Setting, String>> settings, NoticeShownRepository shown, LiveStreams live) {
        this.settings = settings;
        this.shown = shown;
        this.live = live;
    }

    /** Reads the school's settings, and pushes the notice to every open stream whenever one changes. */
    public static SignInNotices over(Settings settings, NoticeShownRepository shown, LiveStreams live) {
        SignInNotices notices = new SignInNotices(settings::values, shown, live);
        settings.onChange(notices::pushToAll);
        return notices;
    }

    /** The notice in force now. */
    public SignInNotice current() {
        Map<Setting, String> values = settings.get();
        return SignInNotice.newBuilder()
                .setText(values.getOrDefault(Setting.NOTICE_TEXT, Setting.NOTICE_TEXT.defaultValue()))
                .setPolicyLink(values.getOrDefault(Setting.NOTICE_LINK, Setting.NOTICE_LINK.defaultValue())).build();
    }

    /** Sends the notice in force to every open stream not sent it yet (most settings changes change nothing). */
    public int pushToAll() {
        SignInNotice now = current();
        int sent = 0;
        for (DeviceStream stream : live.streams()) {
            if (stream.offerNotice(now)) {
                sent++;
            }
        }
        if (sent > 0) {
            LOG.info("Sign-in notice changed: pushed to {} open streams", sent);
        }
        return sent;
    }

    /**
     * Records that the device showed the notice.
     *
     * @return the refusal, if the report breaks the contract's limits (then nothing is recorded)
     */
    Optional<Refusal> record(String deviceId, NoticeShown notice) {
        long seconds = notice.getShownAt().getSeconds();
        if (!notice.hasShownAt() || seconds < 0 || seconds > LATEST_SECONDS) {
            return Optional.of(Refusal.invalid("NoticeShown has no valid shown_at"));
        }
        if (notice.getUser().length() > WireNames.MAX_NAME_CHARS
                || notice.getShownAs().length() > WireNames.MAX_NAME_CHARS) {
            return Optional.of(Refusal.tooLarge("NoticeShown user or shown_as is longer than "
                    + WireNames.MAX_NAME_CHARS + " chars"));
        }
        shown.record(deviceId, Instant.ofEpochSecond(seconds, notice.getShownAt().getNanos()),
                printable(notice.getUser()), printable(notice.getShownAs()));
        return Optional.empty();
    }

    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
