package org.vigil.console.alerts;

import org.vigil.console.store.PendingAlert;

/** The email channel: each alert composed as its email and handed to the mail server. */
public final class EmailDelivery implements AlertDelivery {
    private final MailTransport transport;
    private final AlertEmail email;

    public EmailDelivery(MailTransport transport, AlertEmail email) {
        this.transport = transport;
        this.email = email;
    }

    @Override
    public void deliver(PendingAlert alert) throws Exception {
        transport.send(email.compose(alert));
    }

    @Override
    public void roundDone() {
        transport.roundDone();
    }
}
