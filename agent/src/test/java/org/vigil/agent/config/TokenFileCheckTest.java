package org.vigil.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file that other accounts can read must not hold the enrolment token unnoticed. */
class TokenFileCheckTest {
    @TempDir
    Path dir;

    @Test
    void aTokenInAFileOthersCanReadIsNamedWithTheFix() throws Exception {
        Path file = config("enrolment.token=abc\n", "rw-r--r--");

        assertEquals(Optional.of("the enrolment token in " + file + " is readable by other accounts: chmod 600 "
                + file), TokenFileCheck.warning(file));
    }

    @Test
    void groupReadIsEnoughToWarn() throws Exception {
        Path file = config("enrolment.token=abc\n", "rw-r-----");

        assertTrue(TokenFileCheck.warning(file).isPresent());
    }

    @Test
    void anOwnerOnlyFileOrOneWithoutATokenIsFine() throws Exception {
        assertEquals(Optional.empty(), TokenFileCheck.warning(config("enrolment.token=abc\n", "rw-------")));
        assertEquals(Optional.empty(), TokenFileCheck.warning(config("console.address=c:1\nenrolment.token=\n",
                "rw-r--r--")));
        assertEquals(Optional.empty(), TokenFileCheck.warning(dir.resolve("not-there.properties")));
    }

    private Path config(String text, String mode) throws Exception {
        Path file = Files.createTempFile(dir, "agent", ".properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
