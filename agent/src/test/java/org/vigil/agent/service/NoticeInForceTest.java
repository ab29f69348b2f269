package org.vigil.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.SignInNotice;

/** The sign-in notice a device service hands its helpers: the console's, kept for offline starts, bounded. */
class NoticeInForceTest {
    @TempDir
    Path dataDir;

    @Test
    void theBuiltInNoticeUntilTheConsoleSendsOneThenTheSchoolsEvenAfterARestart() {
        NoticeInForce notice = NoticeInForce.load(dataDir);
        assertEquals(WireNames.DEFAULT_NOTICE_TEXT, notice.get().getText());

        SignInNotice school = SignInNotice.newBuilder().setText("Monitored by Hillside Academy.")
                .setPolicyLink("https://hillside.example/policy").build();
        notice.accept(school);
        assertEquals(school, notice.get());
        assertEquals(school, NoticeInForce.load(dataDir).get(), "kept in the data dir");
    }

    @Test
    void whatTheConsoleSendsIsKeptWithinTheContractsLimits() {
        NoticeInForce notice = NoticeInForce.load(dataDir);
        notice.accept(SignInNotice.newBuilder().setText("x".repeat(WireNames.MAX_NOTICE_CHARS + 5) + "\n")
                .setPolicyLink("javascript:alert(1)").build());
        assertEquals(WireNames.MAX_NOTICE_CHARS, notice.get().getText().length());
        assertEquals("", notice.get().getPolicyLink(), "only a web address is shown as a link");
        notice.accept(SignInNotice.newBuilder().setText(" \n ").build());
        assertEquals(WireNames.DEFAULT_NOTICE_TEXT, notice.get().getText());
    }

    @Test
    void anUnreadableKeptNoticeGivesTheBuiltInOne() throws Exception {
        Files.write(dataDir.resolve(NoticeInForce.FILE), new byte[] {(byte) 0xff, 0x01, 0x02});
        assertEquals(NoticeInForce.BUILT_IN, NoticeInForce.load(dataDir).get());
    }
}
