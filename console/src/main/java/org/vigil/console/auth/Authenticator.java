package org.vigil.console.auth;

import java.time.Duration;
import java.util.Optional;
import org.vigil.console.store.StoredUser;
import org.vigil.console.store.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.LogValues;

/**
 * Checks usernames and passwords and opens sessions. A locked-out attempt is refused before any hashing, and the
 * hashing itself goes through a {@link HashingGate}, so a flood of attempts costs bounded memory and CPU. Logs name
 * the user and address escaped, once per lockout rather than once per refused attempt.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** Checked when the user is unknown, so unknown and known users take about the same time. */
    private final String decoyHash;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final HashingGate gate;

    public Authenticator(UserRepository users, PasswordHasher hasher, Sessions sessions, LoginThrottle throttle,
                         HashingGate gate) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.gate = gate;
        this.decoyHash = hasher.hash("decoy password never used");
    }

    public LoginResult login(String username, String password, String address) {
        if (username == null || password == null || username.isBlank()) {
            return LoginResult.refused(Optional.empty());
        }
        Optional<Duration> wait = throttle.lockedOut(username, address);
        if (wait.isPresent()) {
            return LoginResult.lockedOut(wait.get());
        }
        Optional<StoredUser> user = users.findByUsername(username).filter(u -> !u.disabled());
        String hash = user.map(StoredUser::passwordHash).orElse(decoyHash);
        Optional<Boolean> checked = gate.check(() -> hasher.matches(password, hash));
        if (checked.isEmpty()) {
            throttle.recordBusy(address);
            return LoginResult.busy();
        }
        if (!checked.get() || user.isEmpty()) {
            Optional<Duration> lockout = throttle.recordFailure(username, address);
            LOG.info("Login failed for {} from {}", LogValues.escape(username), address);
            lockout.ifPresent(duration -> LOG.warn("Sign-in for {} from {} locked out for {} s after repeated"
                    + " failures", LogValues.escape(username), address, duration.toSeconds()));
            return LoginResult.refused(lockout);
        }
        throttle.recordSuccess(username, address);
        StoredUser found = user.get();
        LOG.info("{} signed in from {}", LogValues.escape(found.username()), address);
        return LoginResult.signedIn(sessions.create(found.id(), found.username(), Role.valueOf(found.role()),
                found.admin(), found.mustChangePassword()));
    }
}
