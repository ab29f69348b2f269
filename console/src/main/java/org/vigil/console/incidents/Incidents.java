package org.vigil.console.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.Incident;
import org.vigil.console.store.IncidentNote;
import org.vigil.console.store.IncidentRef;
import org.vigil.console.store.IncidentRepository;
import org.vigil.console.store.IncidentSummary;
import org.vigil.console.store.QueueItem;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.triage.Triage;

/**
 * What a DSL does to incidents: link captures into one, add more, move it through the captures' lifecycle (each
 * member capture moving with it, with its own audit row), close it with an outcome, write notes. Every change and
 * its audit rows are one transaction: all stored, or none. A refused change names what stood in the way and changes
 * nothing.
 */
public final class Incidents {
    public static final int MAX_TITLE_LENGTH = 200;
    static final int LISTED = 500;

    private final IncidentRepository incidents;
    private final TriageRepository captures;
    private final AuditLog audit;
    private final Transactions transactions;

    public Incidents(IncidentRepository incidents, TriageRepository captures, AuditLog audit,
                     Transactions transactions) {
        this.incidents = incidents;
        this.captures = captures;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Links the captures into a new incident with this title; returns its id. */
    public long create(Session by, String title, List<Long> captureIds) {
        String text = title == null ? "" : title.strip();
        if (text.isEmpty()) {
            throw new InvalidRequest("Give the incident a title (for example \"Year 9 group chat, week of 3 March\").");
        }
        if (text.length() > MAX_TITLE_LENGTH) {
            throw new InvalidRequest("An incident's title is at most " + MAX_TITLE_LENGTH + " characters.");
        }
        List<Long> ids = checkedCount(captureIds);
        return transactions.inTransaction(() -> {
            checkInScope(by, ids);
            checkFree(ids, Optional.empty());
            long id = incidents.create(text, by.username());
            Set<Long> schools = new TreeSet<>(incidents.captureSchools(ids).values());
            audit.record(by.username(), "incident.create", target(id), text + "; captures " + joined(ids)
                    + acrossSchools(schools), schools);
            link(by, id, ids);
            return id;
        });
    }

    /** Adds the captures to an incident that is not closed. */
    public void add(Session by, long incidentId, List<Long> captureIds) {
        List<Long> ids = checkedCount(captureIds);
        transactions.run(() -> {
            Incident incident = existing(by, incidentId);
            if (incident.status() == CaptureStatus.CLOSED) {
                throw new InvalidRequest("Nothing changed: incident " + incidentId + " is closed, and Closed is final.");
            }
            checkInScope(by, ids);
            checkFree(ids, Optional.of(incidentId));
            Set<Long> schools = new TreeSet<>(incidents.schoolsOf(incidentId));
            schools.addAll(incidents.captureSchools(ids).values());
            audit.record(by.username(), "incident.add", target(incidentId), "captures " + joined(ids)
                    + acrossSchools(schools), schools);
            link(by, incidentId, ids);
        });
    }

    /**
     * Moves the incident and each member capture to the status. A member already there, or closed on its own (Closed
     * is final; its own outcome stands), is left alone; any other member that cannot make the move refuses the whole
     * change. No further action and False positive need a reason when a member that moves is severity 4-5, as on a
     * capture's page; the reason is kept as a note on the incident and on each capture that moves.
     */
    public void changeStatus(Session by, long incidentId, CaptureStatus target, Optional<String> reason) {
        if (target == CaptureStatus.CLOSED) {
            throw new InvalidRequest("Close an escalated incident with its outcome and who it was escalated to.");
        }
        Optional<String> why = reason.map(String::strip).filter(r -> !r.isEmpty());
        if (why.map(String::length).orElse(0) > Triage.MAX_NOTE_LENGTH) {
            throw new InvalidRequest("A reason is at most " + Triage.MAX_NOTE_LENGTH + " characters.");
        }
        transactions.run(() -> {
            Incident incident = existing(by, incidentId);
            if (!incident.status().canMoveTo(target)) {
                throw new InvalidRequest("An incident that is " + incident.status().label() + " cannot become "
                        + target.label() + ".");
            }
            List<QueueItem> moving = membersToMove(incidentId, target);
            int severest = moving.stream().mapToInt(QueueItem::severity).max().orElse(0);
            if (Triage.needsReason(severest, target) && why.map(String::length).orElse(0) < Triage.MIN_REASON_LENGTH) {
                throw new InvalidRequest("Nothing changed: " + target.label() + " on an incident with a severity "
                        + severest + " capture needs a reason of at least " + Triage.MIN_REASON_LENGTH
                        + " characters.");
            }
            CaptureStatus from = incidents.moveTo(incidentId, target)
                    .orElseThrow(() -> new InvalidRequest("The incident changed meanwhile; reload and try again."));
            why.ifPresent(text -> incidents.addNote(incidentId, by.username(), target.label() + ": " + text));
            audit.record(by.username(), "incident.status", target(incidentId),
                    from.name() + " -> " + target.name() + why.map(text -> ": " + text).orElse(""));
            for (QueueItem member : moving) {
                CaptureStatus was = captures.moveTo(member.id(), target)
                        .orElseThrow(() -> new InvalidRequest("Capture " + member.id() + " changed meanwhile; reload"
                                + " and try again."));
                why.ifPresent(text -> captures.addNote(member.id(), by.username(),
                        target.label() + " (incident " + incidentId + "): " + text));
                audit.record(by.username(), "capture.status", captureTarget(member.id()), was.name() + " -> "
                        + target.name() + " (incident " + incidentId + ")" + why.map(text -> ": " + text).orElse(""));
            }
        });
    }

    /**
     * Closes an escalated incident with the outcome and who it was escalated to, and each escalated member capture
     * with the same; a member closed on its own keeps its outcome, and any other member refuses the whole change.
     */
    public void close(Session by, long incidentId, Optional<CaseOutcome> outcome, String escalatedTo) {
        CaseOutcome chosen = outcome.orElseThrow(() -> new InvalidRequest("Choose the outcome to close the incident."));
        String to = escalatedTo == null ? "" : escalatedTo.strip();
        if (to.isEmpty()) {
            throw new InvalidRequest("Write who it was escalated to (for example \"MASH duty social worker, ref"
                    + " 12345\") to close the incident.");
        }
        if (to.length() > Triage.MAX_ESCALATED_TO_LENGTH) {
            throw new InvalidRequest("Who it was escalated to is at most " + Triage.MAX_ESCALATED_TO_LENGTH
                    + " characters.");
        }
        transactions.run(() -> {
            Incident incident = existing(by, incidentId);
            if (incident.status() != CaptureStatus.ESCALATED) {
                throw new InvalidRequest("Only an escalated incident can be closed; this one is "
                        + incident.status().label() + ".");
            }
            List<QueueItem> closing = membersToMove(incidentId, CaptureStatus.CLOSED);
            if (!incidents.close(incidentId, chosen, to, by.username())) {
                throw new InvalidRequest("The incident changed meanwhile; reload and try again.");
            }
            String detail = "; outcome: " + chosen.name() + " (" + chosen.label() + "); escalated to: " + to;
            audit.record(by.username(), "incident.close", target(incidentId), "ESCALATED -> CLOSED" + detail);
            for (QueueItem member : closing) {
                if (!captures.close(member.id(), chosen, to, by.username())) {
                    throw new InvalidRequest("Capture " + member.id() + " changed meanwhile; reload and try again.");
                }
                audit.record(by.username(), "capture.close", captureTarget(member.id()),
                        "ESCALATED -> CLOSED (incident " + incidentId + ")" + detail);
            }
        });
    }

    public void addNote(Session by, long incidentId, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new InvalidRequest("A note cannot be empty.");
        }
        if (text.length() > Triage.MAX_NOTE_LENGTH) {
            throw new InvalidRequest("A note is at most " + Triage.MAX_NOTE_LENGTH + " characters.");
        }
        transactions.run(() -> {
            existing(by, incidentId);
            incidents.addNote(incidentId, by.username(), text);
            audit.record(by.username(), "incident.note", target(incidentId), text);
        });
    }

    public Optional<Incident> find(long incidentId) {
        return incidents.find(incidentId);
    }

    /** The incident if every school of its captures is in the scope. */
    public Optional<Incident> find(long incidentId, SchoolScope scope) {
        return incidents.find(incidentId, scope);
    }

    /** The schools of the incident's captures: who holds it, for a refusal's audit row. */
    public Set<Long> schoolsOf(long incidentId) {
        return incidents.schoolsOf(incidentId);
    }

    /**
     * The captures among these that the scope does not hold: another school's, or (for a user of fewer than every
     * school) none by that id, so a refusal tells them nothing about other schools' ids (ADR 0176).
     */
    public List<Long> outside(SchoolScope scope, List<Long> captureIds) {
        if (scope.wholeConsole()) {
            return List.of();
        }
        Map<Long, Long> schools = incidents.captureSchools(captureIds);
        return captureIds.stream().distinct().filter(id -> !schools.containsKey(id)
                || !scope.includes(schools.get(id))).toList();
    }

    public List<QueueItem> members(long incidentId) {
        return incidents.members(incidentId);
    }

    public List<IncidentNote> notes(long incidentId) {
        return incidents.notes(incidentId);
    }

    /** The scope's newest incidents (at most {@value #LISTED}). */
    public List<IncidentSummary> list(SchoolScope scope) {
        return incidents.list(LISTED, scope);
    }

    /** The scope's incidents a capture may still be added to, newest first. */
    public List<IncidentRef> open(SchoolScope scope) {
        return incidents.open(LISTED, scope);
    }

    public Optional<IncidentRef> incidentOf(long captureId) {
        return incidents.incidentOf(captureId);
    }

    /**
     * The members that must move for the incident to reach the status; refuses if one cannot. Members already there
     * and members closed on their own stay as they are.
     */
    private List<QueueItem> membersToMove(long incidentId, CaptureStatus target) {
        List<QueueItem> moving = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        for (QueueItem member : incidents.members(incidentId)) {
            if (member.status() == target || member.status() == CaptureStatus.CLOSED) {
                continue;
            }
            if (member.status().canMoveTo(target)) {
                moving.add(member);
            } else {
                stuck.add("capture " + member.id() + " is " + member.status().label());
            }
        }
        if (!stuck.isEmpty()) {
            throw new InvalidRequest("Nothing changed: " + String.join(", ", stuck) + ", and cannot become "
                    + target.label() + ". Change " + (stuck.size() == 1 ? "it" : "them") + " on the capture's page"
                    + " first.");
        }
        return moving;
    }

    private void link(Session by, long incidentId, List<Long> ids) {
        for (long captureId : ids) {
            incidents.addCapture(incidentId, captureId, by.username());
            audit.record(by.username(), "capture.incident", captureTarget(captureId), "added to incident "
                    + incidentId);
        }
    }

    /** Refuses, before anything changes, captures the user's schools do not hold. */
    private void checkInScope(Session by, List<Long> ids) {
        List<Long> outside = outside(by.scope(), ids);
        if (!outside.isEmpty()) {
            throw new InvalidRequest("Nothing changed: capture " + joined(outside) + " is not in your school's"
                    + " records.");
        }
    }

    /** For the audit row of a link that spans schools (only a user of each can make it): which ones. */
    private static String acrossSchools(Set<Long> schools) {
        return schools.size() < 2 ? "" : "; across schools " + schools.stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    /** Refuses unknown captures and captures already in an incident (at most one each: one concern, one outcome). */
    private void checkFree(List<Long> ids, Optional<Long> addingTo) {
        List<String> problems = new ArrayList<>();
        for (long id : ids) {
            if (captures.status(id).isEmpty()) {
                problems.add("there is no capture " + id);
                continue;
            }
            incidents.incidentOf(id).ifPresent(in -> problems.add("capture " + id
                    + (addingTo.equals(Optional.of(in.id())) ? " is already in this incident"
                    : " is already in incident " + in.id() + " (" + in.title() + ")")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest("Nothing changed: " + String.join("; ", problems) + ". A capture belongs to one"
                    + " incident at most.");
        }
    }

    private static List<Long> checkedCount(List<Long> captureIds) {
        List<Long> ids = captureIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            throw new InvalidRequest("Tick at least one capture.");
        }
        if (ids.size() > Triage.MAX_BULK) {
            throw new InvalidRequest("At most " + Triage.MAX_BULK + " captures at once.");
        }
        return ids;
    }

    /** The incident if the user's schools hold it; otherwise refused as if there were none. */
    private Incident existing(Session by, long incidentId) {
        return incidents.find(incidentId, by.scope()).orElseThrow(() -> new InvalidRequest("There is no such incident."));
    }

    private static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String target(long incidentId) {
        return "incident:" + incidentId;
    }

    private static String captureTarget(long captureId) {
        return "capture:" + captureId;
    }
}
