package org.vigil.console.pupils;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The columns an MIS export (Arbor, SIMS, Bromcom) is read for, and the header names each goes by. Headers are
 * compared without case, spaces or punctuation ("Reg Group" is "reggroup"); other columns are ignored.
 */
enum MisColumn {
    LOGIN("username", true, Set.of("username", "login", "loginname", "networklogin", "networkusername",
            "computerusername", "accountname", "samaccountname", "uid", "userid")),
    GIVEN_NAME("given name", true, Set.of("givenname", "forename", "firstname", "legalforename", "preferredforename",
            "preferredfirstname", "first")),
    FAMILY_NAME("family name", true, Set.of("familyname", "surname", "lastname", "legalsurname",
            "preferredsurname", "preferredlastname", "last")),
    YEAR_GROUP("year group", true, Set.of("yeargroup", "year", "ncyear", "nationalcurriculumyear", "curriculumyear",
            "yr")),
    FORM("form", false, Set.of("form", "formgroup", "registrationgroup", "reggroup", "regform", "class",
            "tutorgroup", "classname")),
    CHILD_PROTECTION_PLAN("child protection plan", false, Set.of("childprotectionplan", "cpplan", "cp",
            "childprotection", "onchildprotectionplan")),
    LOOKED_AFTER("looked after", false, Set.of("lookedafter", "lookedafterchild", "lac", "cla",
            "childlookedafter", "incare")),
    SEND("SEND", false, Set.of("send", "sen", "senstatus", "senprovision", "sendsupport", "sendstatus"));

    private final String label;
    private final boolean required;
    private final Set<String> names;

    MisColumn(String label, boolean required, Set<String> names) {
        this.label = label;
        this.required = required;
        this.names = names;
    }

    String label() {
        return label;
    }

    boolean required() {
        return required;
    }

    static Optional<MisColumn> forHeader(String header) {
        String key = header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (MisColumn column : values()) {
            if (column.names.contains(key)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
