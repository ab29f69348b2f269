package org.vigil.console.store.postgresql;

/**
 * A database user and password. The password is never shown: {@link #toString} names the user alone, so a record
 * printed by accident (a log line, an exception) gives nothing away.
 */
public record DbCredentials(String user, String password) {

    public DbCredentials {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a database user is needed");
        }
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "DbCredentials[user=" + user + ", password=(not shown)]";
    }
}
