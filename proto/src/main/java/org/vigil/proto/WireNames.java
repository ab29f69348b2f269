package org.vigil.proto;

import io.grpc.Metadata;

/** Names both ends of the wire must agree on, beyond what the .proto file can say. */
public final class WireNames {
    /** The TLS name in the console's server certificate, which agents verify whatever address they dial. */
    public static final String CONSOLE_AUTHORITY = "vigil-console";

    public static final Metadata.Key<String> DEVICE_ID =
            Metadata.Key.of("x-vigil-device-id", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> DEVICE_SECRET =
            Metadata.Key.of("x-vigil-device-secret", Metadata.ASCII_STRING_MARSHALLER);

    /** Largest message either side accepts: an event with a bounded screenshot fits well inside it. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private WireNames() {
    }
}
