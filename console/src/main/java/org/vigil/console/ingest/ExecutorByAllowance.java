package org.vigil.console.ingest;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.concurrent.Executor;

/**
 * Chooses each new call's executor from its headers, on a call-start thread, before the call reaches a handler: a
 * call over its device's allowance of new streams goes to the refusals pool, where it is refused without taking a
 * handler thread from established streams (and its connection is closed once too many have been, see
 * {@link AgentConnections}); every other call goes to the streams pool. gRPC asks once per call.
 */
final class ExecutorByAllowance implements ServerCallExecutorSupplier {
    private final StreamAllowance allowance;
    private final GrpcExecutors executors;
    private final AgentConnections connections;

    ExecutorByAllowance(StreamAllowance allowance, GrpcExecutors executors, AgentConnections connections) {
        this.allowance = allowance;
        this.executors = executors;
        this.connections = connections;
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        if (DeviceAuthInterceptor.isOpen(call.getMethodDescriptor())) {
            return executors.streams(); // Enroll: its token is the credential, throttled per address on its own
        }
        if (allowance.decide(headers)) {
            return executors.streams();
        }
        connections.refused(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        return executors.refusals();
    }
}
