package org.vigil.console;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.vigil.console.auth.Base32;
import org.vigil.console.store.Hashes;

/**
 * A user's authenticator app, for the fixtures: RFC 6238 codes from the secret (java-otp, the library the console
 * uses, with the secret the enrolment page showed, which the console keeps in its database). A console accepts each
 * time step once, so {@link #freshCode} picks the first step it has not seen; when the three steps a console accepts
 * now are used, it signs in with one of the user's seeded recovery codes ({@link AdminDsl} seeds them), and only
 * without one left waits for the next step.
 */
public final class Phone {
    private static final long STEP_SECONDS = 30;
    /** How many recovery codes a seeded user has: enough for the busiest test class without waiting. */
    public static final int SEEDED_RECOVERY_CODES = 40;
    private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();

    private Phone() {
    }

    /** The code for the secret at the time step (seconds since the epoch / 30). */
    public static String code(String secret, long step) {
        try {
            return TOTP.generateOneTimePasswordString(new SecretKeySpec(Base32.decode(secret), "HmacSHA1"),
                    Instant.ofEpochSecond(step * STEP_SECONDS), Locale.ROOT);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The earliest step a console surely still accepts when the code arrives: the one before now, unless now is about
     * to end (then that one would be two behind).
     */
    public static long earliestSafeStep() {
        long seconds = Instant.now().getEpochSecond();
        return seconds % STEP_SECONDS >= STEP_SECONDS - 2 ? seconds / STEP_SECONDS : seconds / STEP_SECONDS - 1;
    }

    /** The current time step. */
    public static long now() {
        return Instant.now().getEpochSecond() / STEP_SECONDS;
    }

    /**
     * A code the console will accept for the user now: the earliest step in its window (one step either side of now)
     * after the last one it accepted, waiting for the next step when all three were used.
     */
    public static String freshCode(Path dataDir, String username) {
        String secret = Db.text(dataDir, "SELECT totp_secret FROM users WHERE username = ?", username);
        if (secret == null) {
            throw new IllegalStateException(username + " has no two-factor secret");
        }
        String last = Db.text(dataDir, "SELECT totp_last_step FROM users WHERE username = ?", username);
        long step = Math.max(earliestSafeStep(), last == null ? Long.MIN_VALUE : Long.parseLong(last) + 1);
        if (step > now() + 1) {
            for (String recovery : seededRecoveryCodes(username)) {
                if (Db.count(dataDir, "SELECT count(*) FROM recovery_codes r JOIN users u ON u.id = r.user_id"
                        + " WHERE u.username = ? AND r.code_sha256 = ? AND r.used_at IS NULL", username,
                        Hashes.sha256Hex(recovery)) == 1) {
                    return recovery;
                }
            }
        }
        while (step > now() + 1) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return code(secret, step);
    }

    /** The recovery codes a fixture seeds for the user: fixed, so every fixture knows them; 10 of [a-z2-7]. */
    public static List<String> seededRecoveryCodes(String username) {
        List<String> codes = new ArrayList<>();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < SEEDED_RECOVERY_CODES; i++) {
                String code = Base32.encode(sha.digest((username + "/" + i).getBytes(StandardCharsets.UTF_8)));
                codes.add(code.substring(0, 10).toLowerCase(Locale.ROOT));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return codes;
    }
}
