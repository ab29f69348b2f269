package org.vigil.console.pupils;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.vigil.console.store.DirectoryPupil;
import org.vigil.console.store.PupilFlags;

/**
 * Reads every pupil account under the base DN with the filter, over TLS, page by page. Each entry is checked as a
 * CSV line is; the entries that cannot be read are all named (by DN) and the whole read is refused, since a pupil
 * left out would otherwise be marked as left. Each pupil in a group or OU the settings map to a device group is
 * listed with it (ADR 0156); a pupil in two that map to different device groups is such an entry.
 */
public final class LdapPupilSource {
    static final int PAGE_SIZE = 500;
    static final int TIMEOUT_MILLIS = 10_000;

    private final LdapSyncSettings settings;

    public LdapPupilSource(LdapSyncSettings settings) {
        this.settings = settings;
    }

    /**
     * @throws DirectoryUnavailable if the directory cannot be reached, refuses the bind or the search
     * @throws ImportRefused naming every entry that cannot be read
     */
    public DirectoryListing read() {
        try (LDAPConnection connection = connect()) {
            List<DirectoryPupil> pupils = new ArrayList<>();
            List<ImportProblem> problems = new ArrayList<>();
            Map<String, String> dnOfLogin = new HashMap<>();
            Map<String, DeviceGroupOf> deviceGroupOfLogin = new HashMap<>();
            List<String> attributes = new ArrayList<>(List.of(settings.loginAttribute(),
                    settings.givenNameAttribute(), settings.familyNameAttribute()));
            settings.yearAttribute().ifPresent(attributes::add);
            settings.formAttribute().ifPresent(attributes::add);
            if (!settings.deviceGroups().isEmpty()) {
                attributes.add(settings.memberOfAttribute());
            }
            SearchRequest search = new SearchRequest(settings.baseDn(), SearchScope.SUB, settings.filter(),
                    attributes.toArray(String[]::new));
            search.setTimeLimitSeconds(TIMEOUT_MILLIS / 1000);
            ASN1OctetString cookie = null;
            do {
                search.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie));
                SearchResult result = connection.search(search);
                for (SearchResultEntry entry : result.getSearchEntries()) {
                    entry(entry, problems).ifPresent(pupil -> {
                        String earlier = dnOfLogin.putIfAbsent(pupil.login(), entry.getDN());
                        if (earlier != null) {
                            problems.add(new ImportProblem(0, "entry " + entry.getDN(), "the login " + pupil.login()
                                    + " is also " + earlier + "'s"));
                        } else {
                            pupils.add(pupil);
                            deviceGroup(entry, problems).ifPresent(g -> deviceGroupOfLogin.put(pupil.login(), g));
                        }
                    });
                }
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
                cookie = paged != null && paged.moreResultsToReturn() ? paged.getCookie() : null;
            } while (cookie != null);
            if (!problems.isEmpty()) {
                throw new ImportRefused(problems);
            }
            return new DirectoryListing(pupils, deviceGroupOfLogin);
        } catch (LDAPException e) {
            throw new DirectoryUnavailable(describe(e), e);
        }
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SSLUtil ssl = new SSLUtil(trust());
        boolean ldaps = "ldaps".equals(settings.url().getScheme());
        int port = settings.url().getPort() > 0 ? settings.url().getPort() : ldaps ? 636 : 389;
        LDAPConnection connection;
        try {
            connection = ldaps
                    ? new LDAPConnection(ssl.createSSLSocketFactory(), options, settings.url().getHost(), port)
                    : new LDAPConnection(options, settings.url().getHost(), port);
            if (!ldaps) {
                SSLContext context = ssl.createSSLContext();
                var started = connection.processExtendedOperation(new StartTLSExtendedRequest(context));
                if (started.getResultCode() != ResultCode.SUCCESS) {
                    connection.close();
                    throw new LDAPException(started.getResultCode(), "StartTLS refused: "
                            + started.getDiagnosticMessage());
                }
            }
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "TLS set-up failed: " + e.getMessage(), e);
        }
        try {
            connection.bind(settings.bindDn(), settings.password());
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private TrustManager trust() throws LDAPException {
        if (settings.caFile().isEmpty()) {
            return JVMDefaultTrustManager.getInstance();
        }
        try {
            return new PEMFileTrustManager(settings.caFile().get().toFile());
        } catch (Exception e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot read ca.file " + settings.caFile().get() + ": "
                    + e.getMessage(), e);
        }
    }

    private Optional<DirectoryPupil> entry(SearchResultEntry entry, List<ImportProblem> problems) {
        List<ImportProblem> found = new ArrayList<>();
        String login = value(entry, settings.loginAttribute(), true, found);
        if (!login.isEmpty() && !login.matches("[^\\s\\p{Cntrl}]+")) {
            found.add(problem(entry, settings.loginAttribute(), "a login has no spaces or control characters"));
        }
        String given = value(entry, settings.givenNameAttribute(), true, found);
        String family = value(entry, settings.familyNameAttribute(), true, found);
        String year = settings.yearAttribute().map(a -> value(entry, a, true, found))
                .orElseGet(() -> yearFromOu(entry, found));
        String form = settings.formAttribute().map(a -> value(entry, a, false, found)).orElse("");
        problems.addAll(found);
        return found.isEmpty() ? Optional.of(new DirectoryPupil(Logins.normalise(login), given, family, year, form,
                PupilFlags.none())) : Optional.empty();
    }

    /** The device group of the mapped groups or OUs the entry is in, if any, with the first it is in. */
    private Optional<DeviceGroupOf> deviceGroup(SearchResultEntry entry, List<ImportProblem> problems) {
        if (settings.deviceGroups().isEmpty()) {
            return Optional.empty();
        }
        DN dn;
        try {
            dn = entry.getParsedDN();
        } catch (LDAPException e) {
            problems.add(problem(entry, "dn", "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
        String[] memberOf = entry.getAttributeValues(settings.memberOfAttribute());
        Map<String, DirectoryGroup> in = new TreeMap<>();
        settings.deviceGroups().forEach((group, directoryGroups) -> directoryGroups.stream()
                .filter(g -> g.contains(dn, memberOf)).findFirst().ifPresent(g -> in.put(group, g)));
        if (in.size() > 1) {
            List<String> named = in.entrySet().stream().map(e -> e.getValue() + " (group." + e.getKey() + ")")
                    .toList();
            problems.add(new ImportProblem(0, "entry " + entry.getDN(), "in " + String.join(" and ", named)
                    + ", which map to different device groups; a pupil's devices can be in one only"));
            return Optional.empty();
        }
        return in.entrySet().stream().findFirst().map(e -> new DeviceGroupOf(e.getKey(), e.getValue()));
    }

    private String yearFromOu(SearchResultEntry entry, List<ImportProblem> found) {
        String prefix = settings.yearOuPrefix().orElseThrow().toLowerCase(Locale.ROOT);
        try {
            for (RDN rdn : new DN(entry.getDN()).getRDNs()) {
                for (int i = 0; i < rdn.getAttributeNames().length; i++) {
                    String value = rdn.getAttributeValues()[i];
                    if (rdn.getAttributeNames()[i].equalsIgnoreCase("ou")
                            && value.toLowerCase(Locale.ROOT).startsWith(prefix)
                            && !value.substring(prefix.length()).isBlank()) {
                        return value.substring(prefix.length()).strip();
                    }
                }
            }
        } catch (LDAPException e) {
            found.add(problem(entry, "dn", "cannot be read: " + e.getMessage()));
            return "";
        }
        found.add(new ImportProblem(0, "entry " + entry.getDN(), "no year group: it is in no OU named \""
                + settings.yearOuPrefix().get() + "…\""));
        return "";
    }

    private static String value(SearchResultEntry entry, String attribute, boolean required,
                                List<ImportProblem> found) {
        String[] values = entry.getAttributeValues(attribute);
        if (values == null || values.length == 0 || values[0].isBlank()) {
            if (required) {
                found.add(problem(entry, attribute, "missing; every pupil needs one"));
            }
            return "";
        }
        if (values.length > 1) {
            found.add(problem(entry, attribute, values.length + " values where one is expected"));
        }
        String value = values[0].strip();
        if (value.length() > MisCsv.MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
            found.add(problem(entry, attribute, "longer than " + MisCsv.MAX_NAME + " characters or has a control"
                    + " character"));
        }
        return value;
    }

    private static ImportProblem problem(SearchResultEntry entry, String attribute, String reason) {
        return new ImportProblem(0, "entry " + entry.getDN() + ", " + attribute, reason);
    }

    private String describe(LDAPException e) {
        String where = settings.url().toString();
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
            return "the directory at " + where + " refused the bind as " + settings.bindDn()
                    + " (wrong DN or password)";
        }
        if (e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.SERVER_DOWN
                || e.getResultCode() == ResultCode.TIMEOUT) {
            return "cannot reach the directory at " + where + ": " + e.getDiagnosticMessage();
        }
        if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
            return "the directory at " + where + " has no base DN " + settings.baseDn();
        }
        return "the directory at " + where + " answered " + e.getResultCode() + ": " + e.getDiagnosticMessage();
    }

    /** The directory could not be read at all; nothing was changed. */
    public static final class DirectoryUnavailable extends IllegalStateException {
        DirectoryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
