package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.vigil.console.alerts.MailServerSettings;
import org.vigil.console.alerts.TestEmail;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.settings.Setting;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.School;
import org.vigil.console.web.SchoolChoice.Chosen;

/**
 * The settings for the DSL, IT and admins (ADR 0191): a user of every school sees and changes the trust-wide
 * defaults, and any school's own values with {@code ?school=CODE}; anyone else their school's, with the trust's
 * default shown beside a value the school has not set. Each setting has a form for those the user's role may
 * change; the mail server (IT's; read-only when the environment sets it) is the console's, on the trust's page.
 * Every change is audited by {@link Settings}, naming the school; a refused one is shown on the page with nothing
 * changed, and another school's settings are an audited 403.
 */
public final class SettingsRoutes {
    private static final Predicate<Session> ALLOWED = session -> session.admin() || session.role() == Role.DSL
            || session.role() == Role.IT_ADMIN;

    private final Settings settings;
    private final MailServerSettings mail;
    private final TestEmail testEmail;
    private final SchoolChoice schools;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;

    public SettingsRoutes(Settings settings, MailServerSettings mail, TestEmail testEmail, SchoolChoice schools,
                          WebAuth auth, Templates templates, Flash flash) {
        this.settings = settings;
        this.mail = mail;
        this.testEmail = testEmail;
        this.schools = schools;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get("/settings", auth.page(ALLOWED, (ctx, s) -> schools.of(ctx, s).ifPresent(chosen ->
                render(ctx, s, chosen, flash.take(s), Optional.empty(), Optional.empty()))));
        routes.post("/settings/mail", auth.form(ALLOWED, this::changeMail));
        routes.post("/settings/test-email", auth.form(ALLOWED, this::sendTestEmail));
        routes.post("/settings/{name}", auth.form(ALLOWED, this::change));
        routes.post("/settings/{name}/inherit", auth.form(ALLOWED, this::inherit));
    }

    private void change(Context ctx, Session session) {
        schools.of(ctx, session).ifPresent(chosen -> {
            refusalsOnThisPage(ctx, session, chosen);
            Setting setting = generic(ctx.pathParam("name"))
                    .orElseThrow(() -> new InvalidRequest("There is no such setting."));
            String value = ctx.formParam("value");
            boolean changed = chosen.school().isPresent()
                    ? settings.change(session, chosen.school().get(), setting, value)
                    : settings.change(session, setting, value);
            done(ctx, session, chosen, changed ? "Saved: " + setting.label() + "." : "Nothing changed.");
        });
    }

    private void inherit(Context ctx, Session session) {
        schools.of(ctx, session).ifPresent(chosen -> {
            refusalsOnThisPage(ctx, session, chosen);
            Setting setting = generic(ctx.pathParam("name"))
                    .orElseThrow(() -> new InvalidRequest("There is no such setting."));
            School school = chosen.school().orElseThrow(() -> new InvalidRequest(
                    "The trust's defaults have nothing to follow: choose a school."));
            boolean changed = settings.inherit(session, school, setting);
            done(ctx, session, chosen, changed ? "Now the trust's default: " + setting.label() + "."
                    : "Nothing changed.");
        });
    }

    private void changeMail(Context ctx, Session session) {
        Chosen trust = new Chosen(Optional.empty(), List.of(), true); // only users of every school reach it
        refusalsOnThisPage(ctx, session, trust);
        boolean changed = mail.change(session, ctx.formParam("smtp_url"), ctx.formParam("smtp_password"),
                ctx.formParam("from"));
        done(ctx, session, trust, changed ? "Saved: the mail server." : "Nothing changed.");
    }

    private void sendTestEmail(Context ctx, Session session) {
        schools.of(ctx, session).ifPresent(chosen -> {
            refusalsOnThisPage(ctx, session, chosen);
            render(ctx, session, chosen, Optional.empty(), Optional.empty(), Optional.of(testEmail.send(session)));
        });
    }

    private void done(Context ctx, Session session, Chosen chosen, String message) {
        flash.put(session, message);
        ctx.redirect("/settings" + chosen.query(), HttpStatus.SEE_OTHER);
    }

    private void refusalsOnThisPage(Context ctx, Session session, Chosen chosen) {
        Refusals.showOn(ctx, refused -> render(ctx, session, chosen, Optional.empty(),
                Optional.of(refused.getMessage()), Optional.empty()));
    }

    /** A setting changed by its own one-field form: the mail server's two go through the mail form. */
    private static Optional<Setting> generic(String name) {
        for (Setting setting : Setting.values()) {
            if (setting.name().equals(name) && !isMail(setting)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    private static boolean isMail(Setting setting) {
        return setting == Setting.SMTP_URL || setting == Setting.ALERT_FROM;
    }

    private void render(Context ctx, Session session, Chosen chosen, Optional<String> notice, Optional<String> error,
                        Optional<TestEmail.Outcome> test) {
        ctx.header("Cache-Control", "no-store");
        Optional<Long> school = chosen.school().map(School::id);
        Map<Setting, String> values = school.map(settings::values).orElseGet(settings::values);
        Map<Setting, String> own = school.map(settings::ownValues).orElse(Map.of());
        Map<Setting, String> trust = school.isPresent() ? settings.values() : values;
        List<Row> rows = values.entrySet().stream()
                .filter(e -> !isMail(e.getKey()) && (school.isEmpty() || e.getKey().perSchool()))
                .map(e -> new Row(e.getKey().name(), e.getKey().label(), e.getValue(),
                        session.admin() || e.getKey().changeableBy(session.role()),
                        e.getKey() == Setting.PUPIL_NAMES_IN_ALERTS,
                        school.isPresent() ? Optional.of(trust.get(e.getKey())) : Optional.empty(),
                        own.containsKey(e.getKey())))
                .toList();
        String title = chosen.school().map(s -> "Settings: " + s.name()).orElse("Settings");
        templates.render(ctx, "settings.jte", new SettingsPage(PageHeader.signedIn(title, session), chosen, rows,
                mail.view(), session.admin() || Setting.SMTP_URL.changeableBy(session.role()), notice, error, test));
    }

    /**
     * One setting as the page shows it; {@code yesNo} settings get a choice rather than a text field. On a school's
     * page {@code trustValue} is the trust's default and {@code own} whether the school has set its own value.
     */
    public record Row(String name, String label, String value, boolean changeable, boolean yesNo,
                      Optional<String> trustValue, boolean own) {
    }

    /** The settings page: the trust's defaults, or one school's ({@code chosen}). */
    public record SettingsPage(PageHeader header, Chosen chosen, List<Row> rows, MailServerSettings.View mail,
                               boolean mayChangeMail, Optional<String> notice, Optional<String> error,
                               Optional<TestEmail.Outcome> test) {
    }
}
