package org.vigil.console.auth;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.StoredUser;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.UserRepository;

/**
 * What an admin does to users, and what users do to their own password. New users and resets get a one-time
 * password that must be changed at the next sign-in. Every change is audit-logged in the same transaction (passwords
 * are hashed before it begins: the hash is slow on purpose, and the transaction holds the database's write lock).
 */
public final class UserAdministration {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordRules rules;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Transactions transactions;

    public UserAdministration(UserRepository users, PasswordHasher hasher, PasswordRules rules, Sessions sessions,
                              AuditLog audit, Transactions transactions) {
        this.users = users;
        this.hasher = hasher;
        this.rules = rules;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
    }

    public List<StoredUser> list() {
        return users.list();
    }

    /**
     * Creates a user and returns their one-time password.
     *
     * @param email the address as typed, if any; a blank one is none
     */
    public String create(Session by, String username, Role role, boolean admin, Optional<String> email) {
        return create(by.username(), username, role, admin, email);
    }

    /** As {@link #create(Session, String, Role, boolean, Optional)}, by a command ({@code cli:<os user>}). */
    public String create(String actor, String username, Role role, boolean admin, Optional<String> email) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidRequest("A username is 2 to 40 characters: lower-case letters, digits, '.', '_' or '-'.");
        }
        Optional<String> address = email.flatMap(EmailAddress::parseOptional);
        String password = rules.oneTimePassword();
        String hash = hasher.hash(password);
        transactions.run(() -> {
            if (!users.createIfAbsent(username, hash, role.name(), admin, true, address)) {
                throw new InvalidRequest("There is already a user called " + username + ".");
            }
            audit.record(actor, "user.create", "user:" + username, "role " + role + (admin ? ", admin" : "")
                    + address.map(a -> ", email " + a).orElse(""));
        });
        return password;
    }

    /** Gives the user a new one-time password and signs them out everywhere. */
    public String resetPassword(Session by, long userId) {
        return resetPassword(by.username(), existing(userId));
    }

    /**
     * As {@link #resetPassword(Session, long)}, by a command; also how a lost first admin password is recovered.
     * Sessions are in the database, so the user's sessions on a running console end at once too.
     */
    public String resetPassword(String actor, String username) {
        return resetPassword(actor, existingNamed(username));
    }

    private String resetPassword(String actor, StoredUser user) {
        String password = rules.oneTimePassword();
        String hash = hasher.hash(password);
        transactions.run(() -> {
            users.setPassword(user.id(), hash, true);
            audit.record(actor, "user.password.reset", "user:" + user.username());
        });
        sessions.endAllOf(user.id());
        return password;
    }

    /**
     * Sets the user's email address, or clears it when {@code email} is empty or blank; returns whether it changed
     * (an unchanged address is not audited).
     */
    public boolean setEmail(Session by, long userId, Optional<String> email) {
        return setEmail(by.username(), existing(userId), email);
    }

    /** As {@link #setEmail(Session, long, Optional)}, by a command. */
    public boolean setEmail(String actor, String username, Optional<String> email) {
        return setEmail(actor, existingNamed(username), email);
    }

    private boolean setEmail(String actor, StoredUser user, Optional<String> email) {
        Optional<String> address = email.flatMap(EmailAddress::parseOptional);
        if (address.equals(user.email())) {
            return false;
        }
        transactions.run(() -> {
            users.setEmail(user.id(), address);
            audit.record(actor, "user.email", "user:" + user.username(),
                    "from " + user.email().orElse("none") + " to " + address.orElse("none"));
        });
        return true;
    }

    public void setDisabled(Session by, long userId, boolean disabled) {
        StoredUser user = existing(userId);
        if (user.id() == by.userId()) {
            throw new InvalidRequest("You cannot disable yourself.");
        }
        transactions.run(() -> {
            users.setDisabled(user.id(), disabled);
            audit.record(by.username(), disabled ? "user.disable" : "user.enable", "user:" + user.username());
        });
        if (disabled) {
            sessions.endAllOf(user.id());
        }
    }

    /**
     * Changes the signed-in user's own password after checking the current one, and ends their other sessions: a
     * password changed because it leaked must also sign out whoever used it.
     */
    public void changeOwnPassword(Session session, String current, String chosen, String repeated) {
        StoredUser user = existing(session.userId());
        if (current == null || !hasher.matches(current, user.passwordHash())) {
            throw new InvalidRequest("The current password is wrong.");
        }
        if (chosen == null || !chosen.equals(repeated)) {
            throw new InvalidRequest("The two new passwords differ.");
        }
        if (chosen.equals(current)) {
            throw new InvalidRequest("Choose a password different from the current one.");
        }
        rules.check(chosen, user.username());
        String hash = hasher.hash(chosen);
        transactions.run(() -> {
            users.setPassword(user.id(), hash, false);
            audit.record(session.username(), "user.password.change", "user:" + session.username());
        });
        sessions.passwordChanged(session.id());
        sessions.endOthersOf(session.userId(), session.id());
    }

    public Optional<StoredUser> find(long userId) {
        return users.findById(userId);
    }

    public Optional<StoredUser> findByUsername(String username) {
        return users.findByUsername(username);
    }

    private StoredUser existingNamed(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> new InvalidRequest("There is no user called " + username + "."));
    }

    private StoredUser existing(long userId) {
        return users.findById(userId).orElseThrow(() -> new InvalidRequest("There is no such user."));
    }
}
