package org.vigil.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;

/**
 * Reads the agent's config file (Java properties, as the console's {@code agent-config} prints it),
 * then applies environment overrides:
 * <pre>
 * console.address=host:port            VIGIL_CONSOLE_ADDRESS
 * enrolment.token=...                  VIGIL_ENROLMENT_TOKEN
 * console.ca.sha256=AA:BB:...          VIGIL_CONSOLE_CA_SHA256
 * data.dir=...           (optional)    VIGIL_DATA_DIR
 * excluded.apps=keepassxc,1password    (optional)
 * context.chars=60                     (optional)
 * spool.max.mb=200                     (optional) the spool's size bound; when full, screenshots go first
 * session.socket=/run/vigil/agent.sock (optional) where the {@code service} command listens for session helpers
 * </pre>
 * A {@code --data} argument beats both.
 */
public final class ConfigLoader {
    public static final String CONSOLE_ADDRESS = "console.address";
    public static final String ENROLMENT_TOKEN = "enrolment.token";
    public static final String CONSOLE_CA = "console.ca.sha256";
    public static final String DATA_DIR = "data.dir";
    public static final String EXCLUDED_APPS = "excluded.apps";
    public static final String CONTEXT_CHARS = "context.chars";
    public static final String SPOOL_MAX_MB = "spool.max.mb";
    /** Where the device service listens for session helpers ({@code service} command only). */
    public static final String SESSION_SOCKET = "session.socket";

    private static final Map<String, String> ENV_NAMES = Map.of(
            CONSOLE_ADDRESS, "VIGIL_CONSOLE_ADDRESS",
            ENROLMENT_TOKEN, "VIGIL_ENROLMENT_TOKEN",
            CONSOLE_CA, "VIGIL_CONSOLE_CA_SHA256",
            DATA_DIR, "VIGIL_DATA_DIR");

    private final Map<String, String> env;
    private final Path defaultDataDir;

    /**
     * @param env            the environment ({@code System.getenv()} in production)
     * @param defaultDataDir used when neither the file, the environment nor {@code --data} names one
     */
    public ConfigLoader(Map<String, String> env, Path defaultDataDir) {
        this.env = Map.copyOf(env);
        this.defaultDataDir = defaultDataDir;
    }

    public AgentConfig load(Path file, Optional<Path> dataDirArgument) throws ConfigException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + file + " holds bytes that are not UTF-8 text: save it as"
                    + " UTF-8 (plain text, key=value lines)");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(props, file.toString(), dataDirArgument);
    }

    AgentConfig parse(Properties props, String source, Optional<Path> dataDirArgument) throws ConfigException {
        String address = required(props, CONSOLE_ADDRESS, source);
        checkAddress(address, source);
        Optional<String> token = optional(props, ENROLMENT_TOKEN);
        String caText = required(props, CONSOLE_CA, source);
        CertificateFingerprint ca;
        try {
            ca = CertificateFingerprint.parse(caText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(CONSOLE_CA, source) + " is not a SHA-256 fingerprint: " + e.getMessage()
                    + " (expected 64 hex digits, e.g. AA:BB:...; the console's agent-config command prints it)");
        }
        Path dataDir;
        if (dataDirArgument.isPresent()) {
            dataDir = dataDirArgument.get();
        } else {
            Optional<String> configured = optional(props, DATA_DIR);
            try {
                dataDir = configured.map(Path::of).orElse(defaultDataDir);
            } catch (InvalidPathException e) {
                throw new ConfigException(where(DATA_DIR, source) + " is not a usable path: " + e.getMessage());
            }
        }
        List<String> excluded = new ArrayList<>();
        for (String part : props.getProperty(EXCLUDED_APPS, "").split(",")) {
            String app = part.strip().toLowerCase(Locale.ROOT);
            if (!app.isEmpty()) {
                excluded.add(app);
            }
        }
        int contextChars = (int) wholeNumber(props, CONTEXT_CHARS, AgentConfig.DEFAULT_CONTEXT_CHARS, 0,
                WireNames.MAX_CONTEXT_CHARS_EACH_SIDE, source);
        long spoolMaxMb = wholeNumber(props, SPOOL_MAX_MB, AgentConfig.DEFAULT_SPOOL_MAX_MB, 1, 100_000, source);
        Optional<Path> socket;
        try {
            socket = optional(props, SESSION_SOCKET).map(Path::of);
        } catch (InvalidPathException e) {
            throw new ConfigException(where(SESSION_SOCKET, source) + " is not a usable path: " + e.getMessage());
        }
        return new AgentConfig(address, token, ca, dataDir, excluded, contextChars, spoolMaxMb * 1024 * 1024,
                source, socket);
    }

    private static long wholeNumber(Properties props, String key, long fallback, long min, long max, String source)
            throws ConfigException {
        String text = props.getProperty(key, "").strip();
        if (text.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw new ConfigException(where(key, source) + " must be a whole number from " + min + " to " + max
                    + ", got \"" + text + "\"");
        }
        return value;
    }

    private String required(Properties props, String key, String source) throws ConfigException {
        return optional(props, key).orElseThrow(() -> new ConfigException(
                "missing setting " + key + " in " + source + " (or environment variable " + ENV_NAMES.get(key) + ")"));
    }

    /** The environment beats the file; blank counts as absent. */
    private Optional<String> optional(Properties props, String key) {
        String envName = ENV_NAMES.get(key);
        String value = envName == null ? null : env.get(envName);
        if (value == null || value.isBlank()) {
            value = props.getProperty(key);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static void checkAddress(String address, String source) throws ConfigException {
        int colon = address.lastIndexOf(':');
        boolean ok = colon > 0 && colon < address.length() - 1;
        if (ok) {
            try {
                int port = Integer.parseInt(address.substring(colon + 1));
                ok = port > 0 && port < 65536;
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new ConfigException(where(CONSOLE_ADDRESS, source) + " must be host:port, got \"" + address + "\"");
        }
    }

    private static String where(String key, String source) {
        return "setting " + key + " in " + source;
    }
}
