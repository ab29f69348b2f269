package org.vigil.console.alerts;

import java.util.List;
import org.vigil.console.store.PendingAlert;

/** Delivers one alert through its channel; returns once the other side (mail server, webhook) has accepted it. */
@FunctionalInterface
public interface AlertDelivery {
    /** @throws Exception whatever stopped it being accepted; the sender records it and tries again later */
    void deliver(PendingAlert alert) throws Exception;

    /**
     * Called on the sender's thread before each round: false when the channel has nowhere to deliver to (no mail
     * server configured), and the round then tries nothing, so waiting alerts keep their attempts and backoff.
     */
    default boolean startRound() {
        return true;
    }

    /** Values that must never appear in a recorded error, as the delivery is configured now (a password). */
    default List<String> secrets() {
        return List.of();
    }

    /**
     * Called on the sender's thread after each round of deliveries, whatever happened in it: a delivery that keeps
     * a connection open across a round (one SMTP session for many emails) closes it here.
     */
    default void roundDone() {
    }
}
