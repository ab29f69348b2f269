package org.vigil.proto;

import io.grpc.Metadata;
import java.time.Duration;

/**
 * Names and limits both ends of the wire must agree on, beyond what the .proto file can say. Every size limit that
 * the agent keeps to and the console enforces is here, so the two cannot drift apart.
 */
public final class WireNames {
    /** The TLS name in the console's server certificate, which agents verify whatever address they dial. */
    public static final String CONSOLE_AUTHORITY = "vigil-console";

    public static final Metadata.Key<String> DEVICE_ID =
            Metadata.Key.of("x-vigil-device-id", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> DEVICE_SECRET =
            Metadata.Key.of("x-vigil-device-secret", Metadata.ASCII_STRING_MARSHALLER);

    /** Largest message either side accepts: an event with a bounded screenshot fits well inside it. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** An event's screenshot: the agent compresses to fit, the console refuses a larger one. */
    public static final int MAX_SCREENSHOT_BYTES = 4 * 1024 * 1024;

    /** Context an agent may be configured to keep either side of a match ({@code context.chars}). */
    public static final int MAX_CONTEXT_CHARS_EACH_SIDE = 200;

    /** An event's matched text: the agent cuts a longer match to this, the console refuses a longer one. */
    public static final int MAX_MATCHED_CHARS = 600;

    /** An event's whole context (before, match, after): what the agent can make at most. */
    public static final int MAX_CONTEXT_CHARS = 2 * MAX_CONTEXT_CHARS_EACH_SIDE + MAX_MATCHED_CHARS;

    /**
     * A short name on the wire: a hostname, OS, agent version, OS user, app, rule id, policy version, enrolment
     * token, worker name or media type. The agent cuts what it sends to this; the console refuses a longer one.
     */
    public static final int MAX_NAME_CHARS = 256;

    /** A category id ("self-harm"). */
    public static final int MAX_CATEGORY_CHARS = 64;

    /** A window title: browsers put whole page titles there, so longer than a name, but bounded. */
    public static final int MAX_WINDOW_TITLE_CHARS = 1024;

    /** An event's explanation: why it matched, in words. */
    public static final int MAX_EXPLANATION_CHARS = 2000;

    /** The sign-in notice's text (ADR 0113): a few sentences, legible in one notification. */
    public static final int MAX_NOTICE_CHARS = 500;

    /** The sign-in notice an agent shows until the console has sent the school's own, and the console's default. */
    public static final String DEFAULT_NOTICE_TEXT = "This device is monitored by the school's safeguarding system.";

    /** The sign-in notice's policy link. */
    public static final int MAX_NOTICE_LINK_CHARS = 1024;

    /**
     * How a device service words a session helper that went without signing off (tamper, ADR 0111) among the dead
     * workers it reports: {@code "session helper for user U stopped without signing off at T"}. The console finds
     * tamper by these words, so both ends take them from here.
     */
    public static final String HELPER_TAMPER_PREFIX = "session helper for user ";
    public static final String HELPER_TAMPER_MIDDLE = " stopped without signing off at ";

    /** How many dead workers one {@code Monitoring} report may name. */
    public static final int MAX_DEAD_WORKERS = 32;

    /** A screenshot's width or height, in pixels. */
    public static final int MAX_SCREENSHOT_SIDE = 32_768;

    /**
     * Largest message either half of an agent accepts on its local socket (helper and service): an event with its
     * screenshot fits. A longer length prefix drops the connection before anything is read into memory.
     */
    public static final int MAX_LOCAL_MESSAGE_BYTES = MAX_MESSAGE_BYTES;

    /** Where the device service listens for session helpers on Linux unless configured otherwise. */
    public static final String DEFAULT_LOCAL_SOCKET = "/run/vigil/agent.sock";

    /** A {@code Stopping} message's reason: the agent sends no longer one, the console refuses a longer one. */
    public static final int MAX_STOP_REASON_CHARS = 200;

    /**
     * How often an agent pings an idle connection, so a dead console (or a NAT that dropped the flow) is noticed
     * in well under a minute rather than when the next hit is sent. At least {@link #MIN_KEEPALIVE}.
     */
    public static final Duration AGENT_KEEPALIVE = Duration.ofSeconds(30);

    /** The most often the console lets an agent ping; a client pinging faster is sent GOAWAY by the server. */
    public static final Duration MIN_KEEPALIVE = Duration.ofSeconds(20);

    /** How long an agent waits for a ping's answer before it treats the connection as dead. */
    public static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(20);

    private WireNames() {
    }
}
