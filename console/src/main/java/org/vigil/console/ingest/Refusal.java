package org.vigil.console.ingest;

import io.grpc.Status;

/** Why the console will never store an event: a gRPC status code and a reason in words. */
public record Refusal(Status.Code code, String reason) {
    static Refusal invalid(String reason) {
        return new Refusal(Status.Code.INVALID_ARGUMENT, reason);
    }

    static Refusal tooLarge(String reason) {
        return new Refusal(Status.Code.RESOURCE_EXHAUSTED, reason);
    }
}
