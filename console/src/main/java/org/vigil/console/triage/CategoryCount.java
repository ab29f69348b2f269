package org.vigil.console.triage;

/** How many captures of a category fell in one period (a week, counted from the epoch's Monday-aligned weeks). */
public record CategoryCount(String category, long period, long count) {
}
