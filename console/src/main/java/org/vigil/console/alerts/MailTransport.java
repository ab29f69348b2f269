package org.vigil.console.alerts;

/** Hands one alert email to the mail server; returns once the server has accepted it. */
@FunctionalInterface
public interface MailTransport {
    /** @throws Exception whatever stopped the server accepting it; the sender records it and tries again later */
    void send(AlertEmail.Message message) throws Exception;

    /** The sender's round is over: a connection kept open for it is closed. */
    default void roundDone() {
    }
}
