package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.store.IncidentSummary;

/** The list of incidents, newest first. */
public record IncidentsPage(PageHeader header, List<IncidentSummary> incidents, Optional<String> message) {

    public static String href(IncidentSummary incident) {
        return IncidentPage.href(incident.id());
    }
}
