package org.vigil.console;

import java.time.Clock;
import java.util.Optional;
import org.vigil.console.auth.PasswordHasher;
import org.vigil.console.auth.Role;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.TwoFactorRepository;
import org.vigil.console.store.UserRepository;

/**
 * A data dir whose user {@code admin} is a DSL with the admin flag and a password already chosen: the state a school
 * reaches once its IT admin has made a DSL account with the admin flag and that DSL has set their own password. Most
 * web tests start there and sign in as {@code admin}. The first start itself (an IT admin, never a DSL, with a
 * one-time password that must pass the password rules) is {@code FirstAdminTest}'s. The password is stored as
 * given: test passwords need not pass the rules, which apply where a password is set, not here. Two-factor
 * sign-in is already on for {@code admin} with a known secret ({@link Phone} answers the code page) and
 * {@link Phone#SEEDED_RECOVERY_CODES} recovery codes the fixtures know, so signing in often needs no wait for a
 * new 30 s step (the console accepts each step once).
 */
public final class AdminDsl {
    public static final String USERNAME = "admin";
    /** The admin's TOTP secret (base32), as an authenticator app would hold it. */
    public static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private AdminDsl() {
    }

    /**
     * Makes the console's home if needed and the admin DSL if there is no {@code admin} yet, on the config's database;
     * returns the config.
     */
    public static ConsoleConfig seed(ConsoleConfig config, String password) {
        try (ConsoleHome home = ConsoleHome.openOrCreate(config.dataDir(), config.database())) {
            UserRepository users = new UserRepository(home.database(), Clock.systemUTC());
            if (users.createIfAbsent(USERNAME, new PasswordHasher().hash(password), Role.DSL.name(), true, false,
                    Optional.empty())) {
                new TwoFactorRepository(home.database()).enrol(users.findByUsername(USERNAME).orElseThrow().id(),
                        TOTP_SECRET, 0, Phone.seededRecoveryCodes(USERNAME).stream().map(Hashes::sha256Hex).toList());
            }
        }
        return config;
    }
}
