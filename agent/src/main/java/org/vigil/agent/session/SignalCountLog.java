package org.vigil.agent.session;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.capture.KeyboardListener;
import org.vigil.runtime.Loop;

/** Debug only: logs how many signals the hook produced and dropped. Counts, never text. */
final class SignalCountLog implements Loop {
    private static final Logger log = LoggerFactory.getLogger(SignalCountLog.class);

    private final KeyboardListener listener;

    SignalCountLog(KeyboardListener listener) {
        this.listener = listener;
    }

    @Override
    public void run() throws InterruptedException {
        long lastOffered = -1;
        while (true) {
            TimeUnit.SECONDS.sleep(2);
            long offered = listener.offered();
            if (offered != lastOffered) {
                log.debug("keyboard hook: {} signals queued, {} dropped (queue full)", offered, listener.dropped());
                lastOffered = offered;
            }
        }
    }
}
