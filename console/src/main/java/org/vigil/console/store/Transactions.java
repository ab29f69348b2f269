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

    /** {@link #inTransaction} for work that returns nothing. */
    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
