package org.vigil.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Whether the config file lets other accounts read the enrolment token it holds: with it, a pupil could enrol
 * devices of their own. The file should be root-owned and 0600 (MDM writes it so).
 */
public final class TokenFileCheck {
    private static final Set<PosixFilePermission> OTHERS_READ = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private TokenFileCheck() {
    }

    /** The warning to log, if the file holds a token and group or others may read it. */
    public static Optional<String> warning(Path file) {
        if (!Files.isRegularFile(file) || Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().noneMatch(OTHERS_READ::contains) || !holdsToken(file)) {
                return Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of("the enrolment token in " + file + " is readable by other accounts: chmod 600 " + file);
    }

    private static boolean holdsToken(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return !props.getProperty(ConfigLoader.ENROLMENT_TOKEN, "").isBlank();
    }
}
