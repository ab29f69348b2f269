package org.vigil.console.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.settings.Setting;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.NoticeShownRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.SignInNotice;

/**
 * The sign-in notice the school set (ADR 0113), as agents receive it: each device its own school's (ADR 0191),
 * after each Hello, and to every open stream of the school when the school (or the trust's default) changes it, on
 * this instance or, told over the cluster bus, on another (ADR 0207). And the record of each showing an agent
 * reports, checked against the wire's limits first: a report out of bounds is refused with the reason, and nothing
 * is stored.
 */
public final class SignInNotices {
    /** The end of year 9999: a later (or negative) time is nonsense. */
    private static final long LATEST_SECONDS = 253_402_300_799L;
    private static final Logger LOG = LoggerFactory.getLogger(SignInNotices.class);

    private final LongFunction<Map<Setting, String>> settingsOfSchool;
    private final Supplier<List<Long>> schools;
    private final Function<String, Optional<Long>> schoolOfDevice;
    private final Function<SchoolScope, Map<String, Long>> schoolsOfDevices;
    private final NoticeShownRepository shown;
    private final LiveStreams live;

    /**
     * @param settingsOfSchool a school's settings in force (its own values over the trust's, ADR 0191)
     * @param schools          every school's id
     * @param schoolOfDevice   the school a device belongs to
     * @param schoolsOfDevices the school of each device of the scope's schools, by device id
     */
    public SignInNotices(LongFunction<Map<Setting, String>> settingsOfSchool, Supplier<List<Long>> schools,
                         Function<String, Optional<Long>> schoolOfDevice,
                         Function<SchoolScope, Map<String, Long>> schoolsOfDevices, NoticeShownRepository shown,
                         LiveStreams live) {
        this.settingsOfSchool = settingsOfSchool;
        this.schools = schools;
        this.schoolOfDevice = schoolOfDevice;
        this.schoolsOfDevices = schoolsOfDevices;
        this.shown = shown;
        this.live = live;
    }

    /**
     * Reads each school's settings, and pushes the notice to the open streams of a school whose settings change
     * (to every open stream when the trust's defaults change), here or on another instance.
     */
    public static SignInNotices over(Settings settings, SchoolRepository schools, NoticeShownRepository shown,
                                     LiveStreams live) {
        SignInNotices notices = new SignInNotices(settings::values,
                () -> schools.list().stream().map(School::id).toList(), schools::schoolOfDevice,
                schools::schoolsOfDevices, shown, live);
        settings.onChangeOf(notices::pushAfterChange);
        return notices;
    }

    /** After a change of the school's settings, or (empty) the trust's defaults: pushes the notice where it moved. */
    public int pushAfterChange(Optional<Long> school) {
        return school.map(this::pushToSchool).orElseGet(this::pushToAll);
    }

    /** Sends each open stream of the school's devices the school's notice, where it was not sent it yet. */
    int pushToSchool(long schoolId) {
        Set<DeviceStream> streams = live.streams();
        if (streams.isEmpty()) {
            return 0;
        }
        SignInNotice notice = ofSchool(schoolId);
        Map<String, Long> ofTheSchool = schoolsOfDevices.apply(new SchoolScope(Set.of(schoolId), false));
        int sent = 0;
        for (DeviceStream stream : streams) {
            if (ofTheSchool.containsKey(stream.deviceId()) && stream.offerNotice(notice)) {
                sent++;
            }
        }
        if (sent > 0) {
            LOG.info("Sign-in notice of school {} changed: pushed to {} open streams", schoolId, sent);
        }
        return sent;
    }

    /** The notice in force now for the device: its school's. */
    public SignInNotice forDevice(String deviceId) {
        return ofSchool(schoolOfDevice.apply(deviceId).orElse(School.FIRST));
    }

    private SignInNotice ofSchool(long schoolId) {
        Map<Setting, String> values = settingsOfSchool.apply(schoolId);
        return SignInNotice.newBuilder()
                .setText(values.getOrDefault(Setting.NOTICE_TEXT, Setting.NOTICE_TEXT.defaultValue()))
                .setPolicyLink(values.getOrDefault(Setting.NOTICE_LINK, Setting.NOTICE_LINK.defaultValue())).build();
    }

    /**
     * Sends each open stream its school's notice, where it was not sent it yet (most settings changes change
     * nothing). When every school has the same notice (any one-school console) no device's school is looked up;
     * otherwise every device's school is read in one query.
     */
    public int pushToAll() {
        Map<Long, SignInNotice> bySchool = new HashMap<>();
        for (long school : schools.get()) {
            bySchool.put(school, ofSchool(school));
        }
        boolean same = new HashSet<>(bySchool.values()).size() <= 1;
        SignInNotice any = bySchool.values().stream().findFirst().orElseGet(() -> ofSchool(School.FIRST));
        Set<DeviceStream> streams = live.streams();
        Map<String, Long> schoolOf = same || streams.isEmpty() ? Map.of()
                : schoolsOfDevices.apply(new SchoolScope(Set.of(), true));
        int sent = 0;
        for (DeviceStream stream : streams) {
            Long school = schoolOf.get(stream.deviceId());
            SignInNotice notice = school == null ? any : bySchool.computeIfAbsent(school, this::ofSchool);
            if (stream.offerNotice(notice)) {
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
