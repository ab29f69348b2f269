package org.vigil.console.store;

import java.util.ArrayList;
import java.util.List;

/** What the MIS says about a pupil that a DSL must see beside a concern; shown to DSLs only. */
public record PupilFlags(boolean childProtectionPlan, boolean lookedAfter, boolean send) {

    public static PupilFlags none() {
        return new PupilFlags(false, false, false);
    }

    /** The short labels DSLs know them by, e.g. {@code [CP plan, SEND]}; empty when none is set. */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        if (childProtectionPlan) {
            out.add("CP plan");
        }
        if (lookedAfter) {
            out.add("LAC");
        }
        if (send) {
            out.add("SEND");
        }
        return out;
    }
}
