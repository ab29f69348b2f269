package org.vigil.agent.typing;

import java.util.List;
import java.util.Locale;
import org.vigil.agent.window.WindowInfo;

/** The apps whose typing produces nothing: a window whose app name or title contains a listed name (any case). */
public final class AppExclusion {
    private final List<String> names;

    public AppExclusion(List<String> names) {
        this.names = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty()).toList();
    }

    public boolean excludes(WindowInfo window) {
        String app = window.app().toLowerCase(Locale.ROOT);
        String title = window.title().toLowerCase(Locale.ROOT);
        for (String name : names) {
            if (app.contains(name) || title.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
