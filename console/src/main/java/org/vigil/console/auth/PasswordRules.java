package org.vigil.console.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.SecureRandomStrings;

/**
 * What a password must be (issue 13), wherever it is set: chosen on the web, generated as a one-time password,
 * or given in {@code VIGIL_ADMIN_PASSWORD}. At least {@value #MIN_LENGTH} characters, not on the bundled list of
 * common and breached passwords ({@link CommonPasswords}), and hard enough to guess by nbvcxz's estimate (its
 * bundled dictionaries of common passwords, words and names, keyboard patterns, dates, leet speak; no network):
 * at least {@value #MIN_ENTROPY_BITS} bits. Each refusal says why.
 */
public final class PasswordRules {
    public static final int MIN_LENGTH = 12;
    /** More is pointless and only slows the hash; nbvcxz also stops estimating there. */
    public static final int MAX_LENGTH = 256;
    /** nbvcxz's own default: about 34 billion guesses, years online behind argon2id and sign-in throttling. */
    public static final double MIN_ENTROPY_BITS = 35.0;
    /** Letters and digits from a 57-character alphabet: about 93 bits. */
    private static final int ONE_TIME_LENGTH = 16;
    private static final int GENERATION_TRIES = 100;

    private final Nbvcxz estimator;
    private final CommonPasswords common;

    private PasswordRules(Nbvcxz estimator, CommonPasswords common) {
        this.estimator = estimator;
        this.common = common;
    }

    /** The rules with the bundled list and dictionaries (reading them takes a moment: build once, share). */
    public static PasswordRules standard() {
        return new PasswordRules(new Nbvcxz(new ConfigurationBuilder().setMinimumEntropy(MIN_ENTROPY_BITS)
                .setMaxLength(MAX_LENGTH).setLocale(Locale.UK).createConfiguration()),
                CommonPasswords.bundled(MIN_LENGTH));
    }

    /** Why the password is refused, or empty if it may be used. {@code username} may not be the password either. */
    public Optional<String> refusal(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Choose a password of at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Choose a password of at most " + MAX_LENGTH + " characters.");
        }
        if (password.strip().equalsIgnoreCase(username)) {
            return Optional.of("Choose a password different from your username.");
        }
        if (common.contains(password)) {
            return Optional.of("That password is on a list of the most common passwords found in data breaches,"
                    + " the first ones an attacker tries. Choose another.");
        }
        Result estimate = estimator.estimate(password);
        if (!estimate.isMinimumEntropyMet()) {
            String warning = Optional.ofNullable(estimate.getFeedback().getWarning()).map(w -> w + " ").orElse("");
            List<String> suggestions = estimate.getFeedback().getSuggestion();
            return Optional.of("That password is too easy to guess (about " + Math.round(estimate.getEntropy())
                    + " bits; " + Math.round(MIN_ENTROPY_BITS) + " needed). " + warning
                    + String.join(" ", suggestions == null ? List.of() : suggestions)
                    + (suggestions == null || suggestions.isEmpty() ? "Add a few uncommon words." : ""));
        }
        return Optional.empty();
    }

    /**
     * Refuses the password with a {@link InvalidRequest} naming the reason.
     *
     * @throws InvalidRequest if the password may not be used
     */
    public void check(String password, String username) {
        refusal(password, username).ifPresent(reason -> {
            throw new InvalidRequest(reason);
        });
    }

    /** A random one-time password that these rules accept (a generated password must pass like any other). */
    public String oneTimePassword() {
        for (int i = 0; i < GENERATION_TRIES; i++) {
            String password = SecureRandomStrings.password(ONE_TIME_LENGTH);
            if (refusal(password, "").isEmpty()) {
                return password;
            }
        }
        throw new IllegalStateException("no generated password passed the password rules in " + GENERATION_TRIES
                + " tries");
    }
}
