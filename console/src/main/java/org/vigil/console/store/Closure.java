package org.vigil.console.store;

import java.time.Instant;

/** How an escalated capture was closed: the outcome, who it was escalated to, by whom and when. */
public record Closure(CaseOutcome outcome, String escalatedTo, String closedBy, Instant closedAt) {
}
