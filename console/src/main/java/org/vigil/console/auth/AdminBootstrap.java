package org.vigil.console.auth;

import java.util.Optional;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.SecureRandomStrings;
import org.vigil.console.store.UserRepository;

/**
 * Makes the first user, {@code admin}, when the console has no users: an IT administrator who may manage users, not
 * a DSL, so whoever installs the console cannot read captures until a DSL account is made deliberately. Its password,
 * generated or given in {@code VIGIL_ADMIN_PASSWORD}, is a one-time password like any other: it must pass the
 * password rules and be changed at the first sign-in.
 */
public final class AdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";
    public static final Role ADMIN_ROLE = Role.IT_ADMIN;
    /** The environment variable that may give the first admin's one-time password. */
    public static final String PASSWORD_ENV = "VIGIL_ADMIN_PASSWORD";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordRules rules;

    public AdminBootstrap(UserRepository users, PasswordHasher hasher, PasswordRules rules) {
        this.users = users;
        this.hasher = hasher;
        this.rules = rules;
    }

    /**
     * Creates the admin if there are no users yet.
     *
     * @param givenPassword a password chosen by the operator (e.g. from the environment); empty to generate one
     * @return what was created, if anything
     * @throws InvalidRequest if the given password fails the password rules (nothing is created)
     */
    public Optional<CreatedAdmin> createIfNoUsers(Optional<String> givenPassword) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        Optional<String> given = givenPassword.filter(p -> !p.isEmpty());
        given.flatMap(p -> rules.refusal(p, ADMIN_USERNAME)).ifPresent(reason -> {
            throw new InvalidRequest(PASSWORD_ENV + " is refused: " + reason
                    + " Set a stronger one, or leave it unset for a generated one-time password.");
        });
        String password = given.orElseGet(rules::oneTimePassword);
        boolean created = users.createIfAbsent(ADMIN_USERNAME, hasher.hash(password), ADMIN_ROLE.name(), true, true,
                Optional.empty());
        if (!created) {
            return Optional.empty();
        }
        return Optional.of(new CreatedAdmin(ADMIN_USERNAME, given.isEmpty() ? Optional.of(password)
                : Optional.empty()));
    }

    /** The admin just created; the generated password is present only if the console chose it. */
    public record CreatedAdmin(String username, Optional<String> generatedPassword) {
    }
}
