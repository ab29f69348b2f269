package org.vigil.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.delivery.DeviceCredentialsInterceptor;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Policy;

/**
 * One agent's Connect stream, driven by the harness: Hello, then events with at most {@code window} unacked (as
 * the real agent's delivery does), or heartbeats. Only one thread at a time may send on it.
 */
final class SimulatedAgent {
    private final ClientCallStreamObserver<AgentMessage>[] stream;
    private final Semaphore window;
    private final AtomicLong acked = new AtomicLong();

    SimulatedAgent(ManagedChannel channel, DeviceCredentials credentials, int window, Consumer<Throwable> ended) {
        this(channel, credentials, window, ended, "", policy -> { }, ack -> { });
    }

    /** @param onAck runs on the gRPC thread for each ack (the event is committed), with the event id */
    SimulatedAgent(ManagedChannel channel, DeviceCredentials credentials, int window, Consumer<Throwable> ended,
                   Consumer<String> onAck) {
        this(channel, credentials, window, ended, "", policy -> { }, onAck);
    }

    SimulatedAgent(ManagedChannel channel, DeviceCredentials credentials, int window, Consumer<Throwable> ended,
                   String policyVersion, Consumer<Policy> onPolicy) {
        this(channel, credentials, window, ended, policyVersion, onPolicy, ack -> { });
    }

    /**
     * @param policyVersion the version named in Hello; with a non-empty one the console pushes policy to this agent
     * @param onPolicy      runs on the gRPC thread for each pushed policy, before the agent reports its version
     * @param onAck         runs on the gRPC thread for each ack, with the event id
     */
    @SuppressWarnings("unchecked")
    private SimulatedAgent(ManagedChannel channel, DeviceCredentials credentials, int window,
                           Consumer<Throwable> ended, String policyVersion, Consumer<Policy> onPolicy,
                           Consumer<String> onAck) {
        this.window = new Semaphore(window);
        this.stream = new ClientCallStreamObserver[1];
        AgentGatewayGrpc.newStub(channel).withInterceptors(new DeviceCredentialsInterceptor(credentials))
                .connect(new ClientResponseObserver<AgentMessage, ConsoleMessage>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<AgentMessage> requests) {
                        stream[0] = requests;
                    }

                    @Override
                    public void onNext(ConsoleMessage message) {
                        if (message.hasAck() || message.hasReject()) {
                            if (message.hasAck()) {
                                onAck.accept(message.getAck().getEventId());
                            }
                            acked.incrementAndGet();
                            SimulatedAgent.this.window.release();
                        } else if (message.hasPolicy()) {
                            onPolicy.accept(message.getPolicy());
                            stream[0].onNext(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                                    .setPolicyVersion(message.getPolicy().getVersion())).build());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.accept(t);
                    }

                    @Override
                    public void onCompleted() {
                        ended.accept(null);
                    }
                });
        stream[0].onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setDeviceId(credentials.deviceId())
                .setAgentVersion("bench").setOs("bench").setUser("pupil").setPolicyVersion(policyVersion)).build());
    }

    /** Sends the event once fewer than {@code window} events are unacknowledged. */
    void send(Event event) throws InterruptedException {
        window.acquire();
        stream[0].onNext(AgentMessage.newBuilder().setEvent(event).build());
    }

    void heartbeat() {
        stream[0].onNext(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSpoolDepth(0)).build());
    }

    long acked() {
        return acked.get();
    }

    void close() {
        stream[0].onCompleted();
    }
}
