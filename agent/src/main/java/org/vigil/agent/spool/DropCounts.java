package org.vigil.agent.spool;

/** How much the spool has dropped since it was created, because it was full. */
public record DropCounts(long screenshots, long events) {
    public static final DropCounts NONE = new DropCounts(0, 0);
}
