package org.vigil.agent.delivery;

import io.grpc.Status;
import java.util.Optional;

/** Turns a failed call to the console into one sentence an IT admin can act on. */
public final class ConsoleErrors {
    private ConsoleErrors() {
    }

    /**
     * @param what    what failed, e.g. "enrolment" or "stream"
     * @param address the console address, for messages
     */
    public static String describe(Throwable error, String what, String address) {
        Optional<PinnedCaException> pin = pinFailure(error);
        if (pin.isPresent()) {
            return "refusing the console at " + address + ": " + pin.get().getMessage();
        }
        Status status = Status.fromThrowable(error);
        String description = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case UNAUTHENTICATED -> what.equals("enrolment")
                    ? "console refused the enrolment token: " + description
                    : "console refused this device's credentials: " + description;
            case UNAVAILABLE -> "cannot reach the console at " + address + " (" + what + "): " + description
                    + rootCause(error);
            case DEADLINE_EXCEEDED -> "the console at " + address + " did not answer in time (" + what + ")";
            default -> "the console at " + address + " refused the " + what + ": " + status.getCode() + " "
                    + description;
        };
    }

    /** The pinned-CA refusal, if that is why the call failed (it sits deep in the UNAVAILABLE cause chain). */
    public static Optional<PinnedCaException> pinFailure(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof PinnedCaException pin) {
                return Optional.of(pin);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof PinnedCaException pin) {
                    return Optional.of(pin);
                }
            }
        }
        return Optional.empty();
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
            root = root.getCause();
        }
        if (root == error || root.getMessage() == null) {
            return "";
        }
        return " [" + root.getClass().getSimpleName() + ": " + root.getMessage() + "]";
    }
}
