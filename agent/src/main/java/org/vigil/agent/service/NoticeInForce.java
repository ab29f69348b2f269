package org.vigil.agent.service;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.SignInNotice;

/**
 * The sign-in notice the device's helpers show (ADR 0113): the one the console last sent, kept in the data dir so a
 * start without the console still shows the school's words; the built-in one until the console has sent any.
 * Thread-safe.
 */
public final class NoticeInForce implements Supplier<SignInNotice>, Consumer<SignInNotice> {
    static final String FILE = "notice.pb";
    static final SignInNotice BUILT_IN = SignInNotice.newBuilder().setText(WireNames.DEFAULT_NOTICE_TEXT).build();
    private static final Logger log = LoggerFactory.getLogger(NoticeInForce.class);

    private final Path file;
    private final AtomicReference<SignInNotice> current;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    private NoticeInForce(Path file, SignInNotice current) {
        this.file = file;
        this.current = new AtomicReference<>(current);
    }

    /** The notice kept in the data dir, or the built-in one if there is none or it cannot be read. */
    public static NoticeInForce load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            return new NoticeInForce(file, bounded(SignInNotice.parseFrom(Files.readAllBytes(file))));
        } catch (NoSuchFileException e) {
            return new NoticeInForce(file, BUILT_IN);
        } catch (IOException e) {
            log.warn("cannot read the kept sign-in notice {} ({}): showing the built-in one until the console sends"
                    + " the school's", file, e.toString());
            return new NoticeInForce(file, BUILT_IN);
        }
    }

    @Override
    public SignInNotice get() {
        return current.get();
    }

    /** The console sent a notice: in force now, and kept for the next start. */
    @Override
    public void accept(SignInNotice sent) {
        SignInNotice notice = bounded(sent);
        if (notice.equals(current.getAndSet(notice))) {
            return;
        }
        try {
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.write(temporary, notice.toByteArray());
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("cannot keep the sign-in notice in {} ({}): it is in force until the service stops", file,
                    e.toString());
        }
        log.info("sign-in notice from the console: {}", notice.getText());
        changeListeners.forEach(Runnable::run);
    }

    /** {@code listener} runs, on the thread that sent it, each time the console sends a different notice. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Within the contract's limits whatever was sent or kept; an empty text is the built-in one. */
    static SignInNotice bounded(SignInNotice notice) {
        String text = oneLine(notice.getText(), WireNames.MAX_NOTICE_CHARS);
        String link = oneLine(notice.getPolicyLink(), WireNames.MAX_NOTICE_LINK_CHARS);
        return SignInNotice.newBuilder().setText(text.isEmpty() ? WireNames.DEFAULT_NOTICE_TEXT : text)
                .setPolicyLink(link.startsWith("https://") || link.startsWith("http://") ? link : "").build();
    }

    private static String oneLine(String text, int max) {
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max);
    }
}
