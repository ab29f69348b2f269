package org.vigil.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vigil.proto.CertificateFingerprint;

/**
 * The agent's settings, as read by {@link ConfigLoader}.
 *
 * @param consoleAddress  where the console's gRPC endpoint listens, {@code host:port}
 * @param enrolmentToken  the school's enrolment token; needed only until the device is enrolled
 * @param consoleCa       the SHA-256 fingerprint of the console's CA certificate, which the agent pins
 * @param dataDir         the agent's own folder (device credentials, the native hook library)
 * @param excludedApps    lower-case fragments of app names or window titles whose typing produces nothing
 * @param contextChars    how many characters of context are kept before (and after) a match
 * @param spoolMaxBytes   the most event data the spool keeps while the console is out of reach
 * @param source          where the settings came from, for messages
 */
public record AgentConfig(String consoleAddress, Optional<String> enrolmentToken, CertificateFingerprint consoleCa,
                          Path dataDir, List<String> excludedApps, int contextChars, long spoolMaxBytes,
                          String source, Optional<Path> sessionSocket) {

    public static final int DEFAULT_SPOOL_MAX_MB = 200;
    public static final int DEFAULT_CONTEXT_CHARS = 60;

    public AgentConfig {
        excludedApps = List.copyOf(excludedApps);
    }
}
