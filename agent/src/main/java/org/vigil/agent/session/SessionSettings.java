package org.vigil.agent.session;

import java.util.List;

/**
 * The settings of the session half.
 *
 * @param contextChars how many chars of context are kept either side of a match
 * @param excludedApps lower-case fragments of app names or window titles whose typing produces nothing
 * @param user         the OS user signed in to this desktop session
 */
public record SessionSettings(int contextChars, List<String> excludedApps, String user) {
    public SessionSettings {
        excludedApps = List.copyOf(excludedApps);
    }
}
