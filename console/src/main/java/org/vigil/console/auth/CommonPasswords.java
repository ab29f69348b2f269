package org.vigil.console.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The 100,000 most common passwords of SecLists' breach compilation, bundled (resources/passwords, CC BY-SA 3.0):
 * a password matching one, ignoring case and spaces, is refused. Entries shorter than the shortest password allowed
 * are not kept: the length rule refuses those already.
 */
final class CommonPasswords {
    static final String RESOURCE = "/passwords/common-passwords-top-100000.txt.gz";

    private final Set<String> entries;

    private CommonPasswords(Set<String> entries) {
        this.entries = entries;
    }

    static CommonPasswords bundled(int minLength) {
        try (InputStream raw = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the common-password list " + RESOURCE + " is missing from the jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                    StandardCharsets.UTF_8));
            Set<String> kept = new HashSet<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String entry = normal(line);
                if (entry.length() >= minLength) {
                    kept.add(entry);
                }
            }
            return new CommonPasswords(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the common-password list " + RESOURCE, e);
        }
    }

    boolean contains(String password) {
        return entries.contains(normal(password));
    }

    private static String normal(String password) {
        return password.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
