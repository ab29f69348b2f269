package org.vigil.console;

import java.time.Clock;
import java.util.Optional;
import org.vigil.console.auth.PasswordHasher;
import org.vigil.console.auth.Role;
import org.vigil.console.store.UserRepository;

/**
 * A data dir whose user {@code admin} is a DSL with the admin flag and a password already chosen: the state a school
 * reaches once its IT admin has made a DSL account with the admin flag and that DSL has set their own password. Most
 * web tests start there and sign in as {@code admin}. The first start itself (an IT admin, never a DSL, with a
 * one-time password that must pass the password rules) is {@code FirstAdminTest}'s. The password is stored as
 * given: test passwords need not pass the rules, which apply where a password is set, not here.
 */
public final class AdminDsl {
    public static final String USERNAME = "admin";

    private AdminDsl() {
    }

    /** Makes the console's home if needed and the admin DSL if there is no {@code admin} yet; returns the config. */
    public static ConsoleConfig seed(ConsoleConfig config, String password) {
        try (ConsoleHome home = ConsoleHome.openOrCreate(config.dataDir())) {
            new UserRepository(home.database(), Clock.systemUTC()).createIfAbsent(USERNAME,
                    new PasswordHasher().hash(password), Role.DSL.name(), true, false, Optional.empty());
        }
        return config;
    }
}
