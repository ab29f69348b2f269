package org.vigil.console.store;

/** How an alert travels: the {@code channel} of its outbox row. */
public enum AlertChannel {
    /** One row per DSL address; the recipient is the address. */
    EMAIL,
    /** One row per alerting capture; the recipient is {@link NewAlert#WEBHOOK_RECIPIENT}. */
    WEBHOOK
}
