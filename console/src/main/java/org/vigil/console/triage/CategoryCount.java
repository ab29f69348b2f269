package org.vigil.console.triage;

/** How many captures of a category fell in one period (a week: see {@code TriageStore.weekOf}). */
public record CategoryCount(String category, long period, long count) {
}
