package org.vigil.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.console.request.InvalidRequest;

class EmailAddressTest {

    @Test
    void keepsTheAddressTrimmedWithItsDomainInLowerCase() {
        assertEquals("Jane.OBrien@school.org.uk", EmailAddress.parse("  Jane.OBrien@School.ORG.uk\t"));
        assertEquals("o'brien+alerts@mail.school.org", EmailAddress.parse("o'brien+alerts@mail.school.org"));
        assertEquals(Optional.empty(), EmailAddress.parseOptional("   "));
        assertEquals(Optional.of("dsl@school.org"), EmailAddress.parseOptional("dsl@school.org"));
    }

    @Test
    void refusesWhatIsNotOnePlainAddressAndSaysWhy() {
        Map<String, String> refused = Map.of(
                "dsl.school.org", "\"dsl.school.org\" is not an email address: it needs exactly one @.",
                "dsl@@school.org", "\"dsl@@school.org\" is not an email address: it needs exactly one @.",
                "dsl@localhost", "\"dsl@localhost\" is not an email address: the part after the @ must be a domain"
                        + " such as school.org.uk.",
                "dsl@school..org", "\"dsl@school..org\" is not an email address: the part after the @ must be a"
                        + " domain such as school.org.uk.",
                "@school.org", "\"@school.org\" is not an email address: it needs 1 to 64 characters before the @.",
                "jane smith@school.org", "\"jane smith@school.org\" is not an email address: it may not contain"
                        + " spaces or invisible characters.",
                "jane\u200b@school.org", "\"jane\u200b@school.org\" is not an email address: it may not contain"
                        + " spaces or invisible characters.",
                "<jane@school.org>", "\"<jane@school.org>\" is not an email address: give one plain address, without"
                        + " < > ( ) [ ] \\ , ; : or quotes.",
                "", "Give an email address.");
        refused.forEach((typed, message) ->
                assertEquals(message, assertThrows(InvalidRequest.class, () -> EmailAddress.parse(typed)).getMessage(),
                        typed));
    }

    @Test
    void refusesAnAddressLongerThan254Characters() {
        String longest = "a".repeat(64) + "@" + "b".repeat(185) + ".org";
        assertEquals(254, EmailAddress.parse(longest).length());
        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> EmailAddress.parse("x" + longest));
        assertEquals("An email address is at most 254 characters.", refused.getMessage());
    }
}
