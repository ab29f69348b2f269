package org.vigil.bench.footprint.floor;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.dispatcher.VoidDispatchService;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vigil.agent.config.ConfigLoader;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.delivery.DeviceCredentialsInterceptor;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Monitoring;

/**
 * The least a JVM must do for each half of the agent, to measure what two JVMs cost before any of the agent's own
 * work (bench/README.md, "The floor"; ADR 0185). {@code service --config FILE}: enrols with the console's token and
 * keeps one Connect stream on gRPC-Netty over TLS, pinned to the console's CA as the agent does, with a Hello and a
 * heartbeat every 30 s: no spool, SQLite, logging, policy or local socket. {@code session}: registers JNativeHook's
 * keyboard hook with a listener that counts keys: no matcher, socket, protobuf, X connection or screenshot.
 * {@code empty}: a main that sleeps. Started by {@code bench/floor.sh} through the footprint harness; any other
 * argument is ignored so it takes the agent's command lines.
 */
public final class Floor {
    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        switch (mode) {
            case "service" -> service(config(args));
            case "session" -> session();
            case "empty" -> Thread.sleep(Long.MAX_VALUE);
            default -> {
                System.err.println("usage: Floor service --config FILE | session | empty");
                System.exit(2);
            }
        }
    }

    private static void service(Properties config) throws Exception {
        String address = config.getProperty(ConfigLoader.CONSOLE_ADDRESS);
        ManagedChannel channel = ConsoleChannels.open(address,
                CertificateFingerprint.parse(config.getProperty(ConfigLoader.CONSOLE_CA)));
        EnrollResponse enrolled = AgentGatewayGrpc.newBlockingStub(channel).enroll(EnrollRequest.newBuilder()
                .setEnrolmentToken(config.getProperty(ConfigLoader.ENROLMENT_TOKEN))
                .setHostname("floor").setOs("linux").setAgentVersion("floor").setUser("floor").build());
        DeviceCredentials credentials = new DeviceCredentials(enrolled.getDeviceId(), enrolled.getDeviceSecret());
        Monitoring hooked = Monitoring.newBuilder().setHookRegistered(true).build();
        StreamObserver<AgentMessage> stream = AgentGatewayGrpc.newStub(channel)
                .withInterceptors(new DeviceCredentialsInterceptor(credentials))
                .connect(new StreamObserver<>() {
                    @Override
                    public void onNext(ConsoleMessage message) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        System.err.println("stream ended: " + t);
                        System.exit(1);
                    }

                    @Override
                    public void onCompleted() {
                        System.exit(1);
                    }
                });
        stream.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setDeviceId(credentials.deviceId())
                .setAgentVersion("floor").setOs("linux").setUser("floor").setMonitoring(hooked)).build());
        while (true) {
            Thread.sleep(30_000);
            stream.onNext(AgentMessage.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setMonitoring(hooked)).build());
        }
    }

    private static void session() throws Exception {
        Logger.getLogger(GlobalScreen.class.getPackage().getName()).setLevel(Level.OFF);
        GlobalScreen.setEventDispatcher(new VoidDispatchService());
        GlobalScreen.registerNativeHook();
        AtomicLong keys = new AtomicLong();
        GlobalScreen.addNativeKeyListener(new NativeKeyListener() {
            @Override
            public void nativeKeyPressed(NativeKeyEvent event) {
                keys.incrementAndGet();
            }
        });
        Thread.sleep(Long.MAX_VALUE);
    }

    private static Properties config(String[] args) throws IOException {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("--config")) {
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(Path.of(args[i + 1]))) {
                    properties.load(in);
                }
                return properties;
            }
        }
        throw new IllegalArgumentException("service needs --config FILE");
    }
}
