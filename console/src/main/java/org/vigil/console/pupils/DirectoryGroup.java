package org.vigil.console.pupils;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Optional;

/**
 * A directory group or OU named in {@code pupil-sync.properties} ({@code group.ks3=...}, ADR 0156): an entry is in
 * it when one of its {@code memberOf} values is this DN (a group) or when the entry sits under this DN (an OU).
 * DNs are compared as the directory compares them: without case and with spaces around commas and equals signs
 * ignored ({@code CN=Year 7, OU=Groups} is {@code cn=year 7,ou=groups}).
 */
public record DirectoryGroup(DN dn) {

    /** The DN, or empty if the text is not one. */
    public static Optional<DirectoryGroup> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            DN dn = new DN(text);
            return dn.isNullDN() ? Optional.empty() : Optional.of(new DirectoryGroup(dn));
        } catch (LDAPException e) {
            return Optional.empty();
        }
    }

    /** Whether an entry with this DN and these {@code memberOf} values is in the group or under the OU. */
    public boolean contains(DN entry, String[] memberOf) {
        if (entry.isDescendantOf(dn, false)) {
            return true;
        }
        for (String group : memberOf == null ? new String[0] : memberOf) {
            try {
                if (new DN(group).equals(dn)) {
                    return true;
                }
            } catch (LDAPException e) {
                // a memberOf value that is no DN names no group of ours
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return dn.toString();
    }
}
