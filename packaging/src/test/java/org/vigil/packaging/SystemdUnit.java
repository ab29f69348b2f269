package org.vigil.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed systemd unit, read the way systemd reads what these tests need of it, so a test can start the
 * service as the unit would where systemd is not PID 1: the command, its user and its environment files.
 */
record SystemdUnit(Path file, Map<String, List<String>> service) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int equals = line.indexOf('=');
            if (section.equals("[Service]") && equals > 0) {
                service.computeIfAbsent(line.substring(0, equals).strip(), k -> new ArrayList<>())
                        .add(line.substring(equals + 1).strip());
            }
        }
        return new SystemdUnit(file, service);
    }

    Optional<String> value(String key) {
        List<String> values = service.getOrDefault(key, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The environment the unit's EnvironmentFile= lines give (a leading '-' marks a file that may be missing). */
    Map<String, String> environment() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String entry : service.getOrDefault("EnvironmentFile", List.of())) {
            boolean optional = entry.startsWith("-");
            Path path = Path.of(optional ? entry.substring(1) : entry);
            if (!Files.exists(path)) {
                if (optional) {
                    continue;
                }
                throw new AssertionError(file + " needs " + path + ", which is missing");
            }
            for (String line : Files.readAllLines(path)) {
                String stripped = line.strip();
                int equals = stripped.indexOf('=');
                if (!stripped.startsWith("#") && equals > 0) {
                    env.put(stripped.substring(0, equals).strip(), stripped.substring(equals + 1).strip());
                }
            }
        }
        return env;
    }

    /** ExecStart split into words, with ${VAR} taken from the environment files, as systemd does. */
    List<String> execStart() throws IOException {
        String command = value("ExecStart").orElseThrow(() -> new AssertionError(file + " has no ExecStart"));
        Map<String, String> env = environment();
        List<String> words = new ArrayList<>();
        for (String word : command.split("\\s+")) {
            Matcher m = VARIABLE.matcher(word);
            StringBuilder expanded = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(m.group(1), "")));
            }
            m.appendTail(expanded);
            words.add(expanded.toString());
        }
        return words;
    }

    /** The command as the unit's User= and Group= run it (setpriv execs it: signals reach the service itself). */
    List<String> commandAsItsUser() throws IOException {
        List<String> command = new ArrayList<>();
        Optional<String> user = value("User");
        if (user.isPresent()) {
            command.addAll(List.of("setpriv", "--reuid=" + user.get(), "--regid=" + value("Group").orElse(user.get()),
                    "--init-groups"));
        }
        command.addAll(execStart());
        return command;
    }
}
