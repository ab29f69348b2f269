package org.vigil.agent.notice;

import java.util.Optional;
import org.vigil.proto.v1.SignInNotice;

/**
 * Shows the pupil the sign-in notice (ADR 0113): a desktop notification, a small window, a toast. Each platform's
 * way is one implementation; Windows toasts and macOS notifications can be added beside these.
 */
public interface NoticeDisplay {
    /**
     * Shows the notice; returns at once or within a few seconds, never waiting for the pupil.
     *
     * @return how it was shown ("notify-send", "window"...), for the school's record; empty if this way cannot
     *         show anything here (no such program, no display)
     */
    Optional<String> show(SignInNotice notice);

    /** The notice as one short text: the school's words, then the policy link on a line of its own. */
    static String body(SignInNotice notice) {
        return notice.getPolicyLink().isEmpty() ? notice.getText()
                : notice.getText() + "\nSee " + notice.getPolicyLink();
    }

    /** The heading every way uses: says plainly who monitors. */
    String TITLE = "Vigil: this device is monitored";
}
