package org.vigil.agent.secure;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * macOS: Secure Event Input is on (a password field, the login window, Terminal's "Secure Keyboard Entry"): then
 * the system itself withholds keystrokes from other programs, and this agent captures nothing either.
 * {@code IsSecureEventInputEnabled()} from Carbon's HIToolbox, through {@link MacNative}. Never run on a real Mac
 * (see the agent README).
 */
public final class MacSecureInput implements PasswordFocus {
    private static final Logger log = LoggerFactory.getLogger(MacSecureInput.class);
    private final BooleanSupplier secureEventInput;
    private volatile boolean warned;

    /** @param secureEventInput {@code IsSecureEventInputEnabled()}; tests give recorded answers */
    public MacSecureInput(BooleanSupplier secureEventInput) {
        this.secureEventInput = secureEventInput;
    }

    @Override
    public boolean passwordFocused() {
        try {
            return secureEventInput.getAsBoolean();
        } catch (RuntimeException | LinkageError e) {
            if (!warned) {
                warned = true;
                log.warn("cannot ask macOS whether secure input is on ({}): relying on the excluded apps",
                        e.toString());
            }
            return false;
        }
    }
}
