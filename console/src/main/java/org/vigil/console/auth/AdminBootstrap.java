package org.vigil.console.auth;

import java.util.Optional;
import org.vigil.console.store.SecureRandomStrings;
import org.vigil.console.store.UserRepository;

/**
 * Makes the first user, {@code admin}: a DSL who may manage users, when the console has no users. A password the
 * console generated is a one-time password: it must be changed at the first sign-in.
 */
public final class AdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";
    private static final int GENERATED_PASSWORD_LENGTH = 20;

    private final UserRepository users;
    private final PasswordHasher hasher;

    public AdminBootstrap(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    /**
     * Creates the admin if there are no users yet.
     *
     * @param givenPassword a password chosen by the operator (e.g. from the environment); empty to generate one
     * @return what was created, if anything
     */
    public Optional<CreatedAdmin> createIfNoUsers(Optional<String> givenPassword) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        String password = givenPassword.filter(p -> !p.isEmpty())
                .orElseGet(() -> SecureRandomStrings.password(GENERATED_PASSWORD_LENGTH));
        boolean generated = givenPassword.filter(p -> !p.isEmpty()).isEmpty();
        boolean created = users.createIfAbsent(ADMIN_USERNAME, hasher.hash(password), Role.DSL.name(), true, generated,
                Optional.empty());
        if (!created) {
            return Optional.empty();
        }
        return Optional.of(new CreatedAdmin(ADMIN_USERNAME, generated ? Optional.of(password) : Optional.empty()));
    }

    /** The admin just created; the generated password is present only if the console chose it. */
    public record CreatedAdmin(String username, Optional<String> generatedPassword) {
    }
}
