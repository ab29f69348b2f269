package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.policy.PolicyConflict;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.store.ExceptionProposal;
import org.vigil.console.proposals.ExceptionProposals;
import org.vigil.console.store.ProposedException;

/**
 * /wordlists/proposals for IT and the DSL: exceptions the DSL proposed from false positives, each accepted into the
 * next policy version or dismissed in one click. The page shows category, term, phrase, who proposed it and when,
 * and nothing of the capture it came from (no pupil, device, screenshot or context), so IT may use it. Each user sees
 * and decides their schools' proposals (ADR 0199); another school's, by URL, is an audited 403. A user of every
 * school accepts into the trust's lists, anyone else into the proposal's school's changes.
 */
public final class ProposalRoutes {
    private static final Set<Role> ROLES = EnumSet.of(Role.IT_ADMIN, Role.DSL);
    private static final int ROWS = 100;
    private static final int DECIDED_ROWS = 20;
    private static final String PATH = "/wordlists/proposals";

    private final ExceptionProposals proposals;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;
    private final OutOfScope outOfScope;

    public ProposalRoutes(ExceptionProposals proposals, WebAuth auth, Templates templates, Flash flash,
                          OutOfScope outOfScope) {
        this.proposals = proposals;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
        this.outOfScope = outOfScope;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.page(ROLES, (ctx, session) -> render(ctx, session, Optional.empty(),
                flash.take(session))));
        routes.post(PATH + "/{id}/accept", auth.form(ROLES, (ctx, session) -> decide(ctx, session, true)));
        routes.post(PATH + "/{id}/dismiss", auth.form(ROLES, (ctx, session) -> decide(ctx, session, false)));
    }

    private void decide(Context ctx, Session session, boolean accept) {
        Optional<Long> id = Params.positive(ctx.pathParam("id"));
        Optional<String> note = Params.nonBlank(ctx.formParam("note"));
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.of(refused instanceof PolicyConflict
                ? "Not accepted, nothing changed: " + refused.getMessage() + "." : refused.getMessage()),
                Optional.empty()));
        long proposalId = id.orElseThrow(() -> new InvalidRequest("There is no such exception proposal."));
        Optional<ExceptionProposal> found = proposals.find(proposalId);
        if (found.filter(p -> session.scope().includes(p.schoolId())).isEmpty() && outOfScope.refused(ctx, session,
                "proposal:" + proposalId, found.map(ExceptionProposal::schoolId))) {
            return;
        }
        if (accept) {
            ExceptionProposal accepted = proposals.accept(proposalId, session.scope(), session.username(), note);
            flash.put(session, "Accepted proposal #" + proposalId + (session.scope().wholeConsole() ? ""
                    : " into your school's lists") + ": published version " + accepted.policyVersion().orElse("")
                    + "; connected agents receive it now.");
        } else {
            proposals.dismiss(proposalId, session.scope(), session.username(), note);
            flash.put(session, "Dismissed proposal #" + proposalId + "; the wordlists did not change.");
        }
        ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, Session session, Optional<String> error, Optional<String> notice) {
        templates.render(ctx, "proposals.jte", new ProposalsPage(PageHeader.signedIn("Exception proposals", session),
                proposals.pending(session.scope(), ROWS).stream().map(Row::of).toList(),
                proposals.decided(session.scope(), DECIDED_ROWS).stream().map(Row::of).toList(), error, notice));
    }

    /** The proposals page. */
    public record ProposalsPage(PageHeader header, List<Row> pending, List<Row> decided, Optional<String> error,
                                Optional<String> notice) {
    }

    /**
     * One proposal as IT may see it: deliberately without the capture it came from.
     *
     * @param decision empty while pending; else "accepted by it1 at …" or "dismissed by …"
     */
    public record Row(long id, String category, String term, String phrase, int severity, String proposedBy,
                      String proposedAt, String decision, Optional<String> policyVersion, Optional<String> note) {

        static Row of(ExceptionProposal p) {
            String decision = p.decidedBy().map(by -> p.status().name().toLowerCase(Locale.ROOT) + " by "
                    + by + p.decidedAt().map(at -> ", " + DisplayTime.of(at)).orElse("")).orElse("");
            return new Row(p.id(), p.category(), p.exception().termAsWritten(), p.phrase(), p.severity(),
                    p.proposedBy(), DisplayTime.of(p.proposedAt()), decision, p.policyVersion(), p.note());
        }

        public boolean critical() {
            return severity >= ProposedException.CRITICAL;
        }

        public String acceptHref() {
            return PATH + "/" + id + "/accept";
        }

        public String dismissHref() {
            return PATH + "/" + id + "/dismiss";
        }
    }
}
