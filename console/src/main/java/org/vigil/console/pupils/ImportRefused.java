package org.vigil.console.pupils;

import java.util.List;
import java.util.stream.Collectors;

/** An import refused as a whole, with every problem found; nothing was changed. */
public final class ImportRefused extends IllegalArgumentException {
    private final transient List<ImportProblem> problems;

    public ImportRefused(List<ImportProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + ", nothing imported: "
                + problems.stream().map(ImportProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
