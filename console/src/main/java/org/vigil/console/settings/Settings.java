package org.vigil.console.settings;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.SettingsRepository;
import org.vigil.console.store.Transactions;

/**
 * The school's settings: read as one typed snapshot, changed one at a time with an audit row (old and new value;
 * "changed" only, for a value that may hold a password) in the same transaction. Listeners hear of each change
 * once it is committed, so a running sender or scheduler picks it up without a restart.
 */
public final class Settings {
    private final SettingsRepository store;
    private final AuditLog audit;
    private final Transactions transactions;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public Settings(SettingsRepository store, AuditLog audit, Transactions transactions) {
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
    }

    public SchoolSettings current() {
        return SchoolSettings.from(store.all());
    }

    /** Every setting's value as stored (its default where none is), as text. */
    public Map<Setting, String> values() {
        Map<String, String> stored = store.all();
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, stored.getOrDefault(setting.key(), setting.defaultValue()));
        }
        return values;
    }

    /** Runs the action after every committed change. */
    public void onChange(Runnable action) {
        listeners.add(action);
    }

    /**
     * Changes a setting for a signed-in user, if their role may.
     *
     * @return whether anything changed
     * @throws InvalidRequest for a value the setting cannot take, or a role that may not change it
     */
    public boolean change(Session by, Setting setting, String value) {
        if (!by.admin() && !setting.changeableBy(by.role())) {
            throw new InvalidRequest("Your role may not change \"" + setting.label() + "\".");
        }
        return change(by.username(), setting, value);
    }

    /**
     * Changes a setting (an empty value, where the setting allows it, is its default); does nothing when the value
     * is the one in force. Audited as {@code settings.change} by {@code actor}.
     *
     * @return whether anything changed
     */
    public boolean change(String actor, Setting setting, String value) {
        String normalised = setting.normalise(value);
        boolean changed = transactions.inTransaction(() -> {
            Optional<String> stored = store.get(setting.key());
            String old = stored.orElse(setting.defaultValue());
            if (old.equals(normalised)) {
                return false;
            }
            if (normalised.equals(setting.defaultValue())) {
                store.remove(setting.key());
            } else {
                store.put(setting.key(), normalised, actor);
            }
            audit.record(actor, "settings.change", setting.key(), setting.secret()
                    ? "changed" + (normalised.isEmpty() ? " (cleared)" : "")
                    : show(old) + " -> " + show(normalised));
            return true;
        });
        if (changed) {
            transactions.afterCommit(() -> listeners.forEach(Runnable::run));
        }
        return changed;
    }

    private static String show(String value) {
        return value.isEmpty() ? "(none)" : value;
    }
}
