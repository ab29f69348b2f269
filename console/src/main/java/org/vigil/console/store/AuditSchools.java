package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which schools an audit entry is about (ADR 0197), worked out in the entry's own transaction: the school of the
 * record its target names ({@code capture:12}, {@code captures:12,13}, {@code device:ID}, {@code incident:7} (its
 * captures' schools), {@code pupil:LOGIN}, {@code token:3}, {@code school:CODE} or {@code school:ID}); for any other target, the school
 * of an actor who works for one school (their sign-in, their own views). Entries about the console itself
 * (settings, wordlists, users) name no school: only users of every school read them.
 */
final class AuditSchools {
    private static final int MAX_LISTED = 1000;

    private AuditSchools() {
    }

    static Set<Long> of(Connection connection, String actor, String target) {
        Set<Long> schools = target == null ? Set.of() : ofTarget(connection, target);
        return schools.isEmpty() ? ofActor(connection, actor) : schools;
    }

    private static Set<Long> ofTarget(Connection connection, String target) {
        int colon = target.indexOf(':');
        if (colon < 0) {
            return Set.of();
        }
        String value = target.substring(colon + 1);
        return switch (target.substring(0, colon)) {
            case "capture" -> number(value).map(id -> List.<Object>of(id)).map(ids -> schools(connection,
                    "SELECT school_id FROM captures WHERE id = ?", ids)).orElse(Set.of());
            case "captures" -> captures(connection, value);
            case "device" -> schools(connection, "SELECT school_id FROM devices WHERE id = ?", List.of(value));
            case "incident" -> number(value).map(id -> schools(connection, "SELECT DISTINCT c.school_id"
                    + " FROM incident_captures m JOIN captures c ON c.id = m.capture_id WHERE m.incident_id = ?",
                    List.<Object>of(id))).orElse(Set.of());
            case "pupil" -> schools(connection, "SELECT school_id FROM pupils WHERE login = lower(?)",
                    List.of(value));
            case "token" -> number(value).map(id -> schools(connection,
                    "SELECT school_id FROM enrolment_tokens WHERE id = ?", List.<Object>of(id))).orElse(Set.of());
            case "school" -> number(value).map(id -> schools(connection, "SELECT id FROM schools WHERE id = ?"
                    + " OR code = ?", List.of(id, value))).orElseGet(() -> schools(connection,
                    "SELECT id FROM schools WHERE code = ?", List.of(value)));
            default -> Set.of();
        };
    }

    private static Set<Long> captures(Connection connection, String list) {
        List<Object> ids = new ArrayList<>();
        for (String part : list.split(",", MAX_LISTED + 1)) {
            number(part.strip()).ifPresent(ids::add);
        }
        if (ids.isEmpty() || ids.size() > MAX_LISTED) {
            return Set.of();
        }
        return schools(connection, "SELECT DISTINCT school_id FROM captures WHERE id IN ("
                + String.join(", ", ids.stream().map(id -> "?").toList()) + ")", ids);
    }

    /** The actor's school if they work for exactly one (not trust level, not an admin of every school). */
    private static Set<Long> ofActor(Connection connection, String actor) {
        return schools(connection, "SELECT school_id FROM users WHERE username = ? AND trust_level = 0"
                + " AND is_admin = 0", List.of(actor));
    }

    private static Set<Long> schools(Connection connection, String sql, List<Object> values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            Set<Long> out = new TreeSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading which schools an audit entry is about", e);
        }
    }

    private static Optional<Long> number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
