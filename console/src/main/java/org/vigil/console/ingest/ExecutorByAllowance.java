package org.vigil.console.ingest;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.concurrent.Executor;

/**
 * Chooses each new call's executor from its headers, on a call-start thread, before the call reaches a handler: a
 * call over its device's allowance of new streams goes to the refusals pool, where it is refused without taking a
 * handler thread from established streams; every other call goes to the streams pool. gRPC asks once per call.
 */
final class ExecutorByAllowance implements ServerCallExecutorSupplier {
    private final StreamAllowance allowance;
    private final GrpcExecutors executors;

    ExecutorByAllowance(StreamAllowance allowance, GrpcExecutors executors) {
        this.allowance = allowance;
        this.executors = executors;
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        if (DeviceAuthInterceptor.isOpen(call.getMethodDescriptor())) {
            return executors.streams(); // Enroll: its token is the credential, throttled per address on its own
        }
        return allowance.decide(headers) ? executors.streams() : executors.refusals();
    }
}
