package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A legal hold (ADR 0142): on one capture, one incident (its captures) or one pupil (every capture under that OS
 * login), placed with a reason and lifted once, with a reason. In force while not lifted.
 */
public record LegalHold(long id, Scope scope, String target, String reason, String placedBy, Instant placedAt,
                        Optional<Lifted> lifted) {

    /** What a hold covers. */
    public enum Scope {
        CAPTURE("capture"), INCIDENT("incident"), PUPIL("pupil");

        private final String word;

        Scope(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Who lifted a hold, when and why. */
    public record Lifted(String by, Instant at, String reason) {
    }

    public boolean inForce() {
        return lifted.isEmpty();
    }

    /** "capture 12", "incident 3", "pupil bsmith". */
    public String describeTarget() {
        return scope.word() + " " + target;
    }
}
