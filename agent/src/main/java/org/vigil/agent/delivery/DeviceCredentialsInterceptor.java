package org.vigil.agent.delivery;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import org.vigil.proto.WireNames;

/** Adds the device id and secret to every call's metadata. */
public final class DeviceCredentialsInterceptor implements ClientInterceptor {
    private final DeviceCredentials credentials;

    public DeviceCredentialsInterceptor(DeviceCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(WireNames.DEVICE_ID, credentials.deviceId());
                headers.put(WireNames.DEVICE_SECRET, credentials.deviceSecret());
                super.start(listener, headers);
            }
        };
    }
}
