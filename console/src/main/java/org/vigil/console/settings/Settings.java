package org.vigil.console.settings;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.School;
import org.vigil.console.store.SettingsRepository;
import org.vigil.console.store.Transactions;

/**
 * The console's settings: the trust-wide defaults, and a school's own values over them for the settings a school
 * may set (ADR 0191). Read as one typed snapshot (the trust's, or a school's with the defaults filled in), changed
 * one at a time with an audit row (old and new value, and the school for a school's own; "changed" only, for a
 * value that may hold a password) in the same transaction. Listeners hear of each change once it is committed, so
 * a running sender or scheduler picks it up without a restart; on a cluster they also hear of changes committed by
 * another instance ({@link #changedElsewhere}, ADR 0207).
 */
public final class Settings {
    private final SettingsRepository store;
    private final AuditLog audit;
    private final Transactions transactions;
    /** Hear of every change, here or elsewhere, with the school whose own values changed (empty: the trust's). */
    private final List<Consumer<Optional<Long>>> listeners = new CopyOnWriteArrayList<>();
    /** Hear only of the changes committed here: what the other instances must be told. */
    private final List<Consumer<Optional<Long>>> committedHere = new CopyOnWriteArrayList<>();

    public Settings(SettingsRepository store, AuditLog audit, Transactions transactions) {
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The trust-wide settings (a one-school console's settings). */
    public SchoolSettings current() {
        return SchoolSettings.from(store.all());
    }

    /** A school's settings: its own values where it has them, else the trust's. */
    public SchoolSettings current(long schoolId) {
        return SchoolSettings.from(stored(schoolId));
    }

    /** Every trust-wide setting's value as stored (its default where none is), as text. */
    public Map<Setting, String> values() {
        return withDefaults(store.all());
    }

    /** Every setting's value in force at a school, as text. */
    public Map<Setting, String> values(long schoolId) {
        return withDefaults(stored(schoolId));
    }

    /** The values a school has set for itself (an absent setting follows the trust's). */
    public Map<Setting, String> ownValues(long schoolId) {
        Map<String, String> own = store.all(Optional.of(schoolId));
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (setting.perSchool() && own.containsKey(setting.key())) {
                values.put(setting, own.get(setting.key()));
            }
        }
        return values;
    }

    /** Runs the action after every committed change. */
    public void onChange(Runnable action) {
        listeners.add(school -> action.run());
    }

    /**
     * Runs the action after every committed change, here or on another instance, with the school whose own value
     * changed, or empty for the trust's defaults (which every school without a value of its own follows).
     */
    public void onChangeOf(Consumer<Optional<Long>> action) {
        listeners.add(action);
    }

    /** Runs the action after each change committed on this instance (not after {@link #changedElsewhere}). */
    public void onCommittedHere(Consumer<Optional<Long>> action) {
        committedHere.add(action);
    }

    /**
     * Another instance on the same database committed a change of the school's settings (empty: the trust's): the
     * listeners of {@link #onChange} and {@link #onChangeOf} run as for a change made here, and read the settings
     * again.
     */
    public void changedElsewhere(Optional<Long> school) {
        listeners.forEach(listener -> listener.accept(school));
    }

    /**
     * Changes a trust-wide setting for a signed-in user, if their role may.
     *
     * @return whether anything changed
     * @throws InvalidRequest for a value the setting cannot take, or a role that may not change it
     */
    public boolean change(Session by, Setting setting, String value) {
        mayChange(by, setting);
        return change(by.username(), setting, value);
    }

    /**
     * Changes a trust-wide setting (an empty value, where the setting allows it, is its default); does nothing when
     * the value is the one in force. Audited as {@code settings.change} by {@code actor}.
     *
     * @return whether anything changed
     */
    public boolean change(String actor, Setting setting, String value) {
        String normalised = setting.normalise(value);
        return committed(Optional.empty(), transactions.inTransaction(() -> {
            String old = store.get(setting.key()).orElse(setting.defaultValue());
            if (old.equals(normalised)) {
                return false;
            }
            if (normalised.equals(setting.defaultValue())) {
                store.remove(setting.key());
            } else {
                store.put(setting.key(), normalised, actor);
            }
            audit.record(actor, "settings.change", setting.key(), describe(setting, old, normalised));
            return true;
        }));
    }

    /**
     * Gives a school its own value of a setting, for a signed-in user whose role may change it. The school's value
     * is kept even when it equals the trust's, so a later change of the default does not move it.
     *
     * @return whether anything changed
     * @throws InvalidRequest for a value the setting cannot take, a setting that is the console's, or a role that
     *                        may not change it
     */
    public boolean change(Session by, School school, Setting setting, String value) {
        mayChange(by, setting);
        return change(by.username(), school, setting, value);
    }

    /** As {@link #change(Session, School, Setting, String)}, by {@code actor}; the audit row names the school. */
    public boolean change(String actor, School school, Setting setting, String value) {
        if (!setting.perSchool()) {
            throw new InvalidRequest("\"" + setting.label() + "\" is the same for every school: only a whole-console"
                    + " admin changes it, on the trust's settings.");
        }
        String normalised = setting.normalise(value);
        Optional<Long> owner = Optional.of(school.id());
        return committed(owner, transactions.inTransaction(() -> {
            Optional<String> own = store.get(owner, setting.key());
            if (own.isPresent() && own.get().equals(normalised)) {
                return false;
            }
            String old = own.orElseGet(() -> store.get(setting.key()).orElse(setting.defaultValue()));
            store.put(owner, setting.key(), normalised, actor);
            audit.record(actor, "settings.change", setting.key(), named(school) + ": "
                    + describe(setting, own.isPresent() ? old : old + " (the trust's)", normalised));
            return true;
        }));
    }

    /**
     * Takes a school's own value away, so the trust-wide default applies to it again.
     *
     * @return whether the school had a value of its own
     */
    public boolean inherit(Session by, School school, Setting setting) {
        mayChange(by, setting);
        Optional<Long> owner = Optional.of(school.id());
        return committed(owner, transactions.inTransaction(() -> {
            Optional<String> own = store.get(owner, setting.key());
            if (own.isEmpty()) {
                return false;
            }
            store.remove(owner, setting.key());
            audit.record(by.username(), "settings.change", setting.key(), named(school) + ": "
                    + describe(setting, own.get(), "the trust's default"));
            return true;
        }));
    }

    private static void mayChange(Session by, Setting setting) {
        if (!by.admin() && !setting.changeableBy(by.role())) {
            throw new InvalidRequest("Your role may not change \"" + setting.label() + "\".");
        }
    }

    private Map<String, String> stored(long schoolId) {
        Map<String, String> stored = new HashMap<>(store.all());
        store.all(Optional.of(schoolId)).forEach((key, value) -> {
            if (Setting.byKey(key).map(Setting::perSchool).orElse(false)) {
                stored.put(key, value);
            }
        });
        return stored;
    }

    private static Map<Setting, String> withDefaults(Map<String, String> stored) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, stored.getOrDefault(setting.key(), setting.defaultValue()));
        }
        return values;
    }

    private boolean committed(Optional<Long> school, boolean changed) {
        if (changed) {
            transactions.afterCommit(() -> {
                listeners.forEach(listener -> listener.accept(school));
                committedHere.forEach(listener -> listener.accept(school));
            });
        }
        return changed;
    }

    private static String named(School school) {
        return "school " + school.code() + " (" + school.name() + ")";
    }

    private static String describe(Setting setting, String old, String now) {
        return setting.secret() ? "changed" + (now.isEmpty() ? " (cleared)" : "") : show(old) + " -> " + show(now);
    }

    private static String show(String value) {
        return value.isEmpty() ? "(none)" : value;
    }
}
