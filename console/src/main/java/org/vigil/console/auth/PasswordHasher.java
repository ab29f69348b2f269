package org.vigil.console.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.atomic.AtomicLong;

/** Argon2id password hashes (OWASP's minimum: 19 MiB, 2 passes, 1 lane), in the standard encoded form. */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function function =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_BYTES, Argon2.ID);
    private final AtomicLong checks = new AtomicLong();

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    /** Checks a password against a stored hash, with the parameters the hash was made with. */
    public boolean matches(String password, String storedHash) {
        checks.incrementAndGet();
        try {
            return Argon2Function.getInstanceFromHash(storedHash).check(password, storedHash);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** How many passwords this hasher has checked: each one 19 MiB and tens of milliseconds of a core. */
    public long checksRun() {
        return checks.get();
    }
}
