package org.vigil.console.pupils;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the console reads pupils from Active Directory / LDAP (ADR 0151), from {@code pupil-sync.properties} in the
 * data directory. The bind password is never in that file nor on any page: it is read from a file
 * ({@code bind.password.file}) or an environment variable ({@code bind.password.env}). The connection is TLS,
 * {@code ldaps://} or {@code ldap://} with {@code starttls=true}; {@code ca.file} (PEM) is the CA to trust when the
 * directory's certificate is not from one the JVM trusts. Year group comes from an attribute ({@code attr.year}) or
 * from the OU the account sits in ({@code year.ou.prefix}, e.g. {@code Year } for {@code OU=Year 9}). Each
 * {@code group.ID=DN} (ADR 0156) maps a directory group (the pupil's {@code memberOf}, {@code attr.member.of}) or an
 * OU (the pupil's entry is under it) to the device group {@code ID}. {@code school=CODE} (ADR 0205) names the school
 * whose directory this is: the sync adds to, updates and marks left only that school's pupils; without it, the
 * console's first school (a one-school console's only one).
 */
public record LdapSyncSettings(URI url, boolean startTls, Optional<Path> caFile, String bindDn, String password,
                               String baseDn, String filter, String loginAttribute, String givenNameAttribute,
                               String familyNameAttribute, Optional<String> yearAttribute,
                               Optional<String> yearOuPrefix, Optional<String> formAttribute, Duration every,
                               SortedMap<String, List<DirectoryGroup>> deviceGroups, String memberOfAttribute,
                               Optional<String> school) {
    public static final String FILE_NAME = "pupil-sync.properties";
    private static final Set<String> KNOWN = Set.of("url", "starttls", "ca.file", "bind.dn", "bind.password.file",
            "bind.password.env", "base.dn", "filter", "attr.login", "attr.given", "attr.family", "attr.year",
            "attr.form", "year.ou.prefix", "every.hours", "attr.member.of", "school");
    /** {@code group.ks3}: the device group's id, as the policy's {@code groups/ks3.txt} names it. */
    private static final Pattern GROUP_KEY = Pattern.compile("group\\.(.*)");
    private static final Pattern GROUP_ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    /** The settings file in this data directory, if the school has set up a sync. */
    public static Optional<Path> fileIn(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * @throws IllegalArgumentException naming the file and the setting that is missing or wrong
     */
    public static LdapSyncSettings read(Path file, Map<String, String> env) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        for (String name : properties.stringPropertyNames()) {
            if (!KNOWN.contains(name) && !GROUP_KEY.matcher(name).matches()) {
                throw new IllegalArgumentException(file + ": unknown setting " + name + " (known: "
                        + String.join(", ", KNOWN.stream().sorted().toList()) + ", group.DEVICEGROUP)");
            }
        }
        Settings s = new Settings(file, properties);
        URI url = URI.create(s.required("url"));
        boolean startTls = Boolean.parseBoolean(s.optional("starttls").orElse("false"));
        if (!"ldaps".equals(url.getScheme()) && !("ldap".equals(url.getScheme()) && startTls)) {
            throw new IllegalArgumentException(file + ": url must be ldaps://HOST[:636], or ldap://HOST[:389] with"
                    + " starttls=true: the bind password and pupils' names never cross the network in clear");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException(file + ": url " + url + " names no host");
        }
        Optional<String> yearAttribute = s.optional("attr.year");
        Optional<String> yearOuPrefix = s.optional("year.ou.prefix");
        if (yearAttribute.isEmpty() && yearOuPrefix.isEmpty()) {
            throw new IllegalArgumentException(file + ": say where the year group is: attr.year (an attribute) or"
                    + " year.ou.prefix (the start of the OU's name, e.g. \"Year \")");
        }
        long hours;
        try {
            hours = Long.parseLong(s.optional("every.hours").orElse("6"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": every.hours is a whole number of hours");
        }
        if (hours < 1 || hours > 24 * 7) {
            throw new IllegalArgumentException(file + ": every.hours is from 1 to 168");
        }
        return new LdapSyncSettings(url, startTls, s.optional("ca.file").map(Path::of), s.required("bind.dn"),
                password(file, s, env), s.required("base.dn"), s.optional("filter").orElse("(objectClass=person)"),
                s.optional("attr.login").orElse("sAMAccountName"), s.optional("attr.given").orElse("givenName"),
                s.optional("attr.family").orElse("sn"), yearAttribute, yearOuPrefix, s.optional("attr.form"),
                Duration.ofHours(hours), deviceGroups(file, properties), s.optional("attr.member.of")
                        .orElse("memberOf"), s.optional("school"));
    }

    /**
     * The {@code group.ID=DN | DN ...} lines: each DN well formed, no DN mapped to two device groups (so a pupil is
     * in one device group, or in two only when their entry says so: a problem the read names).
     */
    private static SortedMap<String, List<DirectoryGroup>> deviceGroups(Path file, Properties properties) {
        SortedMap<String, List<DirectoryGroup>> out = new TreeMap<>();
        Map<DirectoryGroup, String> groupOfDn = new HashMap<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher key = GROUP_KEY.matcher(name);
            if (!key.matches()) {
                continue;
            }
            String group = key.group(1);
            if (!GROUP_ID.matcher(group).matches()) {
                throw new IllegalArgumentException(file + ": " + name + ": a device group's id is lower-case letters,"
                        + " digits and hyphens, as the Groups page shows it (e.g. group.ks3)");
            }
            List<DirectoryGroup> dns = new ArrayList<>();
            for (String text : properties.getProperty(name).split("\\|")) {
                DirectoryGroup dn = DirectoryGroup.parse(text.strip()).orElseThrow(() -> new IllegalArgumentException(
                        file + ": " + name + ": \"" + text.strip() + "\" is not a DN (e.g. CN=Year 7,OU=Groups,"
                                + "DC=school,DC=local for a group, OU=KS3,OU=Pupils,DC=school,DC=local for an OU;"
                                + " several separated by |)"));
                String earlier = groupOfDn.putIfAbsent(dn, group);
                if (earlier != null) {
                    throw new IllegalArgumentException(file + ": " + dn + " is in group." + earlier
                            + (earlier.equals(group) ? " twice" : " and group." + group)
                            + ": a directory group or OU moves devices into one device group");
                }
                dns.add(dn);
            }
            out.put(group, List.copyOf(dns));
        }
        return out;
    }

    private static String password(Path file, Settings s, Map<String, String> env) {
        Optional<String> fromFile = s.optional("bind.password.file");
        Optional<String> fromEnv = s.optional("bind.password.env");
        if (fromFile.isPresent() == fromEnv.isPresent()) {
            throw new IllegalArgumentException(file + ": give the bind password in one place: bind.password.file"
                    + " (a file only the console's user can read) or bind.password.env (an environment variable)");
        }
        if (fromFile.isPresent()) {
            try {
                return Files.readString(Path.of(fromFile.get()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": cannot read bind.password.file " + fromFile.get());
            }
        }
        String value = env.get(fromEnv.get());
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(file + ": the environment variable " + fromEnv.get()
                    + " (bind.password.env) is not set");
        }
        return value;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "LdapSyncSettings[" + school.map(code -> "school " + code + ", ").orElse("") + url
                + (startTls ? " with StartTLS" : "") + ", bind " + bindDn + ", base " + baseDn
                + ", filter " + filter + (deviceGroups.isEmpty() ? "" : ", device groups " + deviceGroups) + "]";
    }

    private record Settings(Path file, Properties properties) {
        String required(String name) {
            return optional(name).orElseThrow(() -> new IllegalArgumentException(file + ": " + name + " is missing"));
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable(properties.getProperty(name)).map(String::strip).filter(v -> !v.isEmpty());
        }
    }
}
