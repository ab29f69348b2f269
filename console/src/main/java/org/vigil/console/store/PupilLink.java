package org.vigil.console.store;

/** A login a pupil is known under: the directory's own ({@code DIRECTORY}) or one a DSL linked ({@code DSL}). */
public record PupilLink(String login, long pupilId, String source, String linkedBy) {
}
