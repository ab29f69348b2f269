package org.vigil.console.store;

import java.util.function.Supplier;

/**
 * One transaction around work that spans repositories, e.g. a change and its audit row: both are committed, or
 * neither is. Repository calls made inside the work, on the same thread, join it; a transaction opened inside
 * another joins the outer one, which alone commits.
 */
public interface Transactions {

    /**
     * Runs the work in one transaction: committed if it returns, rolled back if it throws (the exception is
     * rethrown as it is).
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs the action once the transaction open on this thread has committed (at once if none is open), and never
     * if it rolls back: for what must not happen before the data is durable, such as pushing a new policy to agents.
     * An action that throws is logged and does not undo the commit.
     */
    void afterCommit(Runnable action);

    /** {@link #inTransaction} for work that returns nothing. */
    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
