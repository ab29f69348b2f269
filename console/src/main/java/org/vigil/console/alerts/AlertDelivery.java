package org.vigil.console.alerts;

import org.vigil.console.store.PendingAlert;

/** Delivers one alert through its channel; returns once the other side (mail server, webhook) has accepted it. */
@FunctionalInterface
public interface AlertDelivery {
    /** @throws Exception whatever stopped it being accepted; the sender records it and tries again later */
    void deliver(PendingAlert alert) throws Exception;

    /**
     * Called on the sender's thread after each round of deliveries, whatever happened in it: a delivery that keeps
     * a connection open across a round (one SMTP session for many emails) closes it here.
     */
    default void roundDone() {
    }
}
