package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.terms.TermChange;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistProblems;

/**
 * What the wordlists page shows besides the policy in force: the category open for editing (and the raw text in its
 * editor, as submitted after a refusal), a refusal with every problem, a notice, a test result and a diff.
 */
public record WordlistView(Optional<String> category, Optional<String> editText, Optional<String> error,
                           List<String> problems, Optional<String> notice, Test test, List<TermChange> diff) {

    static WordlistView plain() {
        return new WordlistView(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Test.NONE, List.of());
    }

    static WordlistView of(Optional<String> category) {
        return plain().withCategory(category);
    }

    WordlistView withCategory(Optional<String> open) {
        return new WordlistView(open, editText, error, problems, notice, test, diff);
    }

    WordlistView withEditText(String text) {
        return new WordlistView(category, Optional.of(text), error, problems, notice, test, diff);
    }

    WordlistView withError(String message) {
        return new WordlistView(category, editText, Optional.of(message), problems, notice, test, diff);
    }

    /** A refusal that lists every problem the parser found. */
    WordlistView refused(String headline, WordlistFormatException e) {
        List<String> all = List.of(e.getMessage());
        int total = 1;
        if (e instanceof WordlistProblems many) {
            all = many.lines();
            total = many.total();
        }
        String count = total == 1 ? "" : " (" + total + " problems)";
        return new WordlistView(category, editText, Optional.of(headline + count), all, notice, test, diff);
    }

    WordlistView withNotice(String message) {
        return new WordlistView(category, editText, error, problems, Optional.of(message), test, diff);
    }

    WordlistView withTest(Test result) {
        return new WordlistView(category, editText, error, problems, notice, result, diff);
    }

    WordlistView withDiff(List<TermChange> changes) {
        return new WordlistView(category, editText, error, problems, notice, test, changes);
    }

    /** What was tested and the explanation of each hit. */
    public record Test(Optional<String> sample, List<String> hits) {
        static final Test NONE = new Test(Optional.empty(), List.of());
    }
}
