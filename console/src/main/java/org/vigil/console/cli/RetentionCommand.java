package org.vigil.console.cli;

import java.time.Clock;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.console.ConsoleServices;
import org.vigil.console.settings.Setting;

/**
 * {@code retention show | set [--false-positive-days N] [--no-further-action-days N]
 * [--closed-months-after-export N] [--screenshot-days N] [--audit-months N] | run} with {@code [--data DIR]}: the
 * school's retention settings, changed through the same rules and audit log as the settings page, and a purge run
 * now (the console also runs one every day). Returns the text for stdout.
 */
public final class RetentionCommand {
    private static final Map<String, Setting> OPTIONS = options();

    private RetentionCommand() {
    }

    public static String run(List<String> args, Clock clock) {
        Set<String> known = new HashSet<>(OPTIONS.keySet());
        known.add("--data");
        AdminArguments arguments = AdminArguments.parse("retention", args, Set.of("show", "set", "run"), known);
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            return switch (arguments.action()) {
                case "show" -> show(console);
                case "set" -> set(console, arguments);
                default -> console.retention().run(AdminArguments.cliActor()).describe();
            };
        }
    }

    private static String set(ConsoleServices console, AdminArguments arguments) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Setting> option : OPTIONS.entrySet()) {
            String value = arguments.options().get(option.getKey());
            if (value != null) {
                boolean changed = console.settings().change(AdminArguments.cliActor(), option.getValue(), value);
                out.append(option.getValue().label()).append(changed ? ": now " : ": already ")
                        .append(console.settings().values().get(option.getValue())).append('\n');
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("retention set needs one of: " + String.join(", ", OPTIONS.keySet()));
        }
        return out.toString();
    }

    private static String show(ConsoleServices console) {
        Map<Setting, String> values = console.settings().values();
        StringBuilder out = new StringBuilder();
        OPTIONS.forEach((option, setting) -> out.append(option).append(' ').append(values.get(setting)).append('\t')
                .append(setting.label()).append('\n'));
        return out.toString();
    }

    private static Map<String, Setting> options() {
        Map<String, Setting> options = new LinkedHashMap<>();
        options.put("--false-positive-days", Setting.RETENTION_FALSE_POSITIVE_DAYS);
        options.put("--no-further-action-days", Setting.RETENTION_NO_FURTHER_ACTION_DAYS);
        options.put("--closed-months-after-export", Setting.RETENTION_CLOSED_MONTHS_AFTER_EXPORT);
        options.put("--screenshot-days", Setting.RETENTION_SCREENSHOT_DAYS);
        options.put("--audit-months", Setting.RETENTION_AUDIT_MONTHS);
        return Collections.unmodifiableMap(options);
    }
}
