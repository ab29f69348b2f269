package org.vigil.console.store;

/** How many captures of a category fell in one period (a week: see {@code TriageRepository.weekOf}). */
public record CategoryCount(String category, long period, long count) {
}
