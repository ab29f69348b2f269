package org.vigil.console.auth;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.StoredUser;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.TwoFactorRepository;
import org.vigil.console.store.UserRepository;

/**
 * Two-factor sign-in with TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s; java-otp) and ten single-use recovery codes
 * (ADR 0133). Required, unless the school turns enforcement off, for every account that can read captures or
 * administer: DSLs, IT admins and anyone with the admin flag. A code is accepted in the step before, at or after
 * now, and only for a step later than the last one accepted, so a seen code cannot be replayed. Wrong codes are
 * throttled per account and address as passwords are.
 */
public final class TwoFactor {
    public static final int RECOVERY_CODES = 10;
    public static final String ISSUER = "Vigil";
    private static final Duration STEP = TimeBasedOneTimePasswordGenerator.DEFAULT_TIME_STEP;
    private static final Pattern TOTP_CODE = Pattern.compile("\\d{6}");
    private static final Pattern RECOVERY_CODE = Pattern.compile("[a-z2-7]{10}");
    private static final String RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TwoFactorRepository store;
    private final UserRepository users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;
    private final BooleanSupplier enforced;
    private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();

    /**
     * @param enforced whether the school requires two-factor sign-in (the setting; on unless turned off)
     */
    public TwoFactor(TwoFactorRepository store, UserRepository users, Sessions sessions, LoginThrottle throttle,
                     AuditLog audit, Transactions transactions, Clock clock, BooleanSupplier enforced) {
        this.store = store;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.enforced = enforced;
    }

    /** Whether accounts of this kind can read captures or administer (they must use two-factor sign-in). */
    public static boolean coversAccount(Role role, boolean admin) {
        return role == Role.DSL || role == Role.IT_ADMIN || admin;
    }

    /** Whether this session's user must enrol before going on. */
    public boolean mustEnrol(Session session) {
        return !session.twoFactorEnrolled() && enforced.getAsBoolean()
                && coversAccount(session.role(), session.admin());
    }

    /** The secret being enrolled in this session (made on first call, kept until enrolment ends) and its QR code. */
    public Enrolment enrolment(Session session) {
        String secret = sessions.pendingTotpSecret(session.id()).orElseGet(() -> {
            byte[] key = new byte[20];
            RANDOM.nextBytes(key);
            String fresh = Base32.encode(key);
            sessions.setPendingTotpSecret(session.id(), fresh);
            return fresh;
        });
        String label = URLEncoder.encode(ISSUER + ":" + session.username(), StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
        return new Enrolment(secret, uri, QrSvg.of(uri));
    }

    /**
     * Finishes enrolment with a code from the new secret: two-factor sign-in is on, this session has passed it, and
     * the recovery codes are returned (shown once, stored hashed).
     *
     * @throws InvalidRequest if the code is not the secret's current one
     */
    public List<String> enrol(Session session, String code) {
        String secret = sessions.pendingTotpSecret(session.id())
                .orElseThrow(() -> new InvalidRequest("This enrolment has expired. Reload the page and scan the new code."));
        OptionalLong step = matchingStep(secret, normalise(code));
        if (step.isEmpty()) {
            throw new InvalidRequest("That code does not match. Check the phone's clock, and type the 6 digits the app"
                    + " shows now.");
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = recoveryCode();
            codes.add(recovery.substring(0, 5) + "-" + recovery.substring(5));
            hashes.add(Hashes.sha256Hex(recovery));
        }
        transactions.run(() -> {
            store.enrol(session.userId(), secret, step.getAsLong(), hashes);
            audit.record(session.username(), "user.2fa.enrol", "user:" + session.username());
        });
        sessions.secondFactorPassed(session.id());
        return codes;
    }

    /** Checks a TOTP or recovery code for a session that passed the password and must now pass the second factor. */
    public CheckResult check(Session session, String code, String address) {
        Optional<Duration> wait = throttle.lockedOut(session.username(), address);
        if (wait.isPresent()) {
            return new CheckResult(CheckResult.Outcome.LOCKED_OUT, wait, false);
        }
        String typed = normalise(code);
        boolean passed = false;
        boolean recovery = false;
        if (TOTP_CODE.matcher(typed).matches()) {
            Optional<String> secret = store.secret(session.userId());
            OptionalLong step = secret.map(s -> matchingStep(s, typed)).orElse(OptionalLong.empty());
            passed = step.isPresent() && store.acceptStep(session.userId(), step.getAsLong());
        } else if (RECOVERY_CODE.matcher(typed).matches()) {
            recovery = store.useRecoveryCode(session.userId(), Hashes.sha256Hex(typed), clock.instant());
            passed = recovery;
        }
        if (!passed) {
            Optional<Duration> lockout = throttle.recordFailure(session.username(), address);
            audit.record(session.username(), "login.2fa.failed", "user:" + session.username(), "from " + address);
            return new CheckResult(lockout.isPresent() ? CheckResult.Outcome.LOCKED_OUT : CheckResult.Outcome.REFUSED,
                    lockout, false);
        }
        throttle.recordSuccess(session.username(), address);
        sessions.secondFactorPassed(session.id());
        if (recovery) {
            audit.record(session.username(), "login.recovery-code", "user:" + session.username(),
                    store.unusedRecoveryCodes(session.userId()) + " left, from " + address);
        } else {
            audit.record(session.username(), "login.2fa", "user:" + session.username(), "from " + address);
        }
        return new CheckResult(CheckResult.Outcome.PASSED, Optional.empty(), recovery);
    }

    public long unusedRecoveryCodes(long userId) {
        return store.unusedRecoveryCodes(userId);
    }

    /**
     * Turns the user's two-factor sign-in off (a lost phone) and ends their sessions: at the next sign-in they enrol
     * again. Audited.
     */
    public void reset(String actor, String username) {
        StoredUser user = users.findByUsername(username)
                .orElseThrow(() -> new InvalidRequest("There is no user called " + username + "."));
        transactions.run(() -> {
            store.reset(user.id());
            audit.record(actor, "user.2fa.reset", "user:" + user.username());
        });
        sessions.endAllOf(user.id());
    }

    /** The step in which the code is the secret's, among the one before now, now and the one after. */
    private OptionalLong matchingStep(String secret, String code) {
        if (!TOTP_CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        Key key = new SecretKeySpec(Base32.decode(secret), "HmacSHA1");
        long now = clock.instant().getEpochSecond() / STEP.toSeconds();
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                String expected = totp.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()),
                        Locale.ROOT);
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        code.getBytes(StandardCharsets.US_ASCII))) {
                    return OptionalLong.of(step);
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException("a stored TOTP secret is not a usable key", e);
            }
        }
        return OptionalLong.empty();
    }

    private static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static String recoveryCode() {
        StringBuilder out = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            out.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
        }
        return out.toString();
    }

    /** What the enrolment page shows: the secret as text, the otpauth URI and its QR code as SVG markup. */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
    }

    /** The outcome of a second-factor check; {@code retryAfter} for a lockout. */
    public record CheckResult(Outcome outcome, Optional<Duration> retryAfter, boolean recoveryCodeUsed) {
        /** Whether the code passed. */
        public enum Outcome {
            PASSED,
            REFUSED,
            LOCKED_OUT
        }
    }
}
