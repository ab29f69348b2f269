package org.vigil.console.pupils;

/**
 * Logins as the directory stores them: A-Z lower-cased and nothing else, exactly as SQLite's {@code lower()} does,
 * so the {@code capture_pupils} view's {@code lower(os_user)} finds them.
 */
public final class Logins {
    private Logins() {
    }

    public static String normalise(String login) {
        StringBuilder out = new StringBuilder(login.length());
        for (char c : login.strip().toCharArray()) {
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }
}
