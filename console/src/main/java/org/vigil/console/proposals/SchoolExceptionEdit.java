package org.vigil.console.proposals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vigil.console.policy.SchoolLayer;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.ExceptionProposal;
import org.vigil.console.terms.TermExceptions;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.WordlistBundle;

/**
 * A proposal accepted for one school (ADR 0199): the school's changes ({@code school.txt}) with the proposal's entry,
 * as the school's devices run it, plus the phrase among its exceptions, as an {@code add} line of the school's own.
 * It takes the place of the school's earlier {@code add} of that entry if there is one, else goes at the end; the
 * trust's lists and other schools' are untouched.
 */
final class SchoolExceptionEdit {
    private SchoolExceptionEdit() {
    }

    /**
     * @param trust      the trust's lists in force
     * @param effective  what the school's devices run now: the trust's lists with the school's changes
     * @param schoolFile the school's {@code school.txt} in force, empty if it has none
     * @throws InvalidRequest if the school's devices no longer run the entry; nothing changed
     */
    static String schoolFileWith(WordlistBundle trust, WordlistBundle effective, String schoolFile,
                                 ExceptionProposal proposal) {
        String file = proposal.category() + ".txt";
        String text = Optional.ofNullable(effective.files().get(file)).orElseThrow(() -> new InvalidRequest(
                "Not accepted, nothing changed: the category " + proposal.category()
                        + " is no longer in the school's lists."));
        Rule entry = TermExceptions.find(file, text, proposal.term(), proposal.mode())
                .orElseThrow(() -> new InvalidRequest("Not accepted, nothing changed: the term \"" + proposal.term()
                        + "\" is no longer in the school's lists."));
        String edited = TermExceptions.withException(file, text, proposal.term(), proposal.mode(),
                proposal.phrase());
        String added = "add " + proposal.category() + " | " + edited.split("\n", -1)[entry.line() - 1].strip();
        Optional<GroupOverrides.Addition> earlier = GroupOverrides.parseLayer("school", SchoolLayer.SCHOOL_FILE,
                        schoolFile, trust.categoryFiles().wordlist()).additions().stream()
                .filter(a -> a.category().equals(proposal.category()) && a.rule().term().equals(proposal.term())
                        && a.rule().mode() == proposal.mode())
                .findFirst();
        List<String> lines = new ArrayList<>(Arrays.asList(schoolFile.split("\n", -1)));
        if (earlier.isPresent()) {
            lines.set(earlier.get().line() - 1, added);
            return String.join("\n", lines);
        }
        String before = schoolFile.isEmpty() || schoolFile.endsWith("\n") ? schoolFile : schoolFile + "\n";
        return before + added + "\n";
    }
}
