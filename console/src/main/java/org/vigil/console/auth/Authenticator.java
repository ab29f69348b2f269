package org.vigil.console.auth;

import java.util.Optional;
import org.vigil.console.store.StoredUser;
import org.vigil.console.store.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks usernames and passwords, with throttling, and opens sessions. */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** Checked when the user is unknown, so unknown and known users take about the same time. */
    private final String decoyHash;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    public Authenticator(UserRepository users, PasswordHasher hasher, Sessions sessions, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.decoyHash = hasher.hash("decoy password never used");
    }

    public LoginResult login(String username, String password, String address) {
        if (username == null || password == null || username.isBlank()) {
            return LoginResult.refused();
        }
        if (throttle.isLockedOut(username, address)) {
            LOG.warn("Login for {} from {} refused: locked out after repeated failures", username, address);
            return LoginResult.lockedOut();
        }
        Optional<StoredUser> user = users.findByUsername(username).filter(u -> !u.disabled());
        boolean ok = hasher.matches(password, user.map(StoredUser::passwordHash).orElse(decoyHash)) && user.isPresent();
        if (!ok) {
            throttle.recordFailure(username, address);
            LOG.info("Login failed for {} from {}", username, address);
            return LoginResult.refused();
        }
        throttle.recordSuccess(username, address);
        StoredUser found = user.get();
        LOG.info("{} signed in from {}", found.username(), address);
        return LoginResult.signedIn(sessions.create(found.id(), found.username(), Role.valueOf(found.role()),
                found.admin(), found.mustChangePassword()));
    }
}
