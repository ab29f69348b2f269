package org.vigil.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.console.request.InvalidRequest;

class PasswordRulesTest {
    private static final PasswordRules RULES = PasswordRules.standard();

    @Test
    void aShortPasswordIsRefusedForItsLength() {
        assertEquals(Optional.of("Choose a password of at least 12 characters."), RULES.refusal("X7#kq!Lm2", "dsl"));
    }

    @Test
    void aPasswordOnTheBundledBreachListIsRefusedWhateverItsCaseAndSpaces() {
        for (String listed : new String[] {"qwerty123456", "Leave Me Alone", "1QAZ2WSX3EDC"}) {
            String reason = RULES.refusal(listed, "dsl").orElseThrow(() -> new AssertionError(listed + " passed"));
            assertTrue(reason.contains("list of the most common passwords found in data breaches"), reason);
        }
    }

    @Test
    void aGuessablePasswordIsRefusedWithTheEstimatorsReason() {
        String reason = RULES.refusal("correct horse battery staple", "dsl").orElseThrow();
        assertTrue(reason.startsWith("That password is too easy to guess (about 17 bits; 35 needed)."), reason);
        assertTrue(reason.contains("This is a very common password."), reason);
        String keyboard = RULES.refusal("asdfghjkl;'#", "dsl").orElseThrow();
        assertTrue(keyboard.startsWith("That password is too easy to guess"), keyboard);
    }

    @Test
    void theUsernameIsNotAPassword() {
        assertEquals(Optional.of("Choose a password different from your username."),
                RULES.refusal("Head.Of.Year.Seven", "head.of.year.seven"));
    }

    @Test
    void anUncommonPassphrasePasses() {
        assertEquals(Optional.empty(), RULES.refusal("plum kettle lantern 47 orbit", "dsl"));
        assertEquals(Optional.empty(), RULES.refusal("Tr0ub4dor&3-saddle", "dsl"));
    }

    @Test
    void everyGeneratedOneTimePasswordPassesAndNoTwoAreAlike() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = RULES.oneTimePassword();
            assertEquals(Optional.empty(), RULES.refusal(password, "dsl"), password);
            assertTrue(seen.add(password));
        }
    }

    @Test
    void checkRefusesWithTheReason() {
        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> RULES.check("password1234", "dsl"));
        assertNotEquals("", refused.getMessage());
        assertTrue(refused.getMessage().contains("most common passwords"), refused.getMessage());
    }
}
