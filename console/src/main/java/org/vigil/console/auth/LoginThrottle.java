package org.vigil.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.vigil.console.throttle.AttemptLimit;

/**
 * Slows password guessing three ways, so neither one account nor one visitor can be worn down: 5 failures for one
 * username from one address lock that pair out for 30 s; 30 failures from one address with any usernames (a flood
 * of random names) lock the address out for 5 minutes; 50 failures for one account from anywhere within 15 minutes
 * lock the account for 2 minutes. A success clears its pair and its account, never its address (a school's pupils
 * may share one).
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofSeconds(30);
    static final int MAX_ADDRESS_FAILURES = 30;
    static final Duration ADDRESS_LOCKOUT = Duration.ofMinutes(5);
    static final int MAX_ACCOUNT_FAILURES = 50;
    static final Duration ACCOUNT_LOCKOUT = Duration.ofMinutes(2);
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final AttemptLimit pairs;
    private final AttemptLimit addresses;
    private final AttemptLimit accounts;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.pairs = new AttemptLimit(MAX_FAILURES, Duration.ofMinutes(15), LOCKOUT, MAX_KEYS, clock);
        this.addresses = new AttemptLimit(MAX_ADDRESS_FAILURES, Duration.ofMinutes(5), ADDRESS_LOCKOUT, MAX_KEYS,
                clock);
        this.accounts = new AttemptLimit(MAX_ACCOUNT_FAILURES, Duration.ofMinutes(15), ACCOUNT_LOCKOUT, MAX_KEYS,
                clock);
    }

    /** How long until the attempt may be made, if it may not be made now. */
    public Optional<Duration> lockedOut(String username, String address) {
        Instant now = clock.instant();
        return Stream.of(pairs.lockedUntil(pair(username, address)), addresses.lockedUntil(address),
                        accounts.lockedUntil(account(username)))
                .flatMap(Optional::stream)
                .max(Instant::compareTo)
                .map(until -> Duration.between(now, until));
    }

    /**
     * How long the address remains locked out of signing in with any username, if it is: answered from memory, so
     * the web's front door can refuse such a sign-in before it reads the form.
     */
    public Optional<Duration> addressLockedOut(String address) {
        return addresses.lockedUntil(address).map(until -> Duration.between(clock.instant(), until))
                .filter(wait -> !wait.isNegative() && !wait.isZero());
    }

    public boolean isLockedOut(String username, String address) {
        return lockedOut(username, address).isPresent();
    }

    /** Counts a failure; returns how long the lockout it starts lasts, if it starts one (to log and audit once). */
    public Optional<Duration> recordFailure(String username, String address) {
        Instant now = clock.instant();
        return Stream.of(pairs.record(pair(username, address)), addresses.record(address),
                        accounts.record(account(username)))
                .flatMap(Optional::stream)
                .max(Instant::compareTo)
                .map(until -> Duration.between(now, until));
    }

    /**
     * Counts an attempt refused because the console was too busy to check it against the address: a visitor who
     * keeps the password checks full is locked out like one who keeps failing them, and is then refused at no cost.
     */
    public void recordBusy(String address) {
        addresses.record(address);
    }

    public void recordSuccess(String username, String address) {
        pairs.clear(pair(username, address));
        accounts.clear(account(username));
    }

    /** How many keys are remembered in all, for tests of the memory bound. */
    int rememberedKeys() {
        return pairs.size() + addresses.size() + accounts.size();
    }

    private static String account(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static String pair(String username, String address) {
        return account(username) + "\n" + address;
    }
}
