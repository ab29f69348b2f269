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

/**
 * The school's settings for the DSL, IT and admins: each setting with its value, a form for those the user's role
 * may change; the mail server (IT's; read-only when the environment sets it) and "send a test email". Every change
 * is audited by {@link Settings}; a refused one is shown on the page with nothing changed.
 */
public final class SettingsRoutes {
    private static final Predicate<Session> ALLOWED = session -> session.admin() || session.role() == Role.DSL
            || session.role() == Role.IT_ADMIN;

    private final Settings settings;
    private final MailServerSettings mail;
    private final TestEmail testEmail;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;

    public SettingsRoutes(Settings settings, MailServerSettings mail, TestEmail testEmail, WebAuth auth,
                          Templates templates, Flash flash) {
        this.settings = settings;
        this.mail = mail;
        this.testEmail = testEmail;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get("/settings", auth.page(ALLOWED, (ctx, s) -> render(ctx, s, flash.take(s), Optional.empty(),
                Optional.empty())));
        routes.post("/settings/mail", auth.form(ALLOWED, this::changeMail));
        routes.post("/settings/test-email", auth.form(ALLOWED, this::sendTestEmail));
        routes.post("/settings/{name}", auth.form(ALLOWED, this::change));
    }

    private void change(Context ctx, Session session) {
        refusalsOnThisPage(ctx, session);
        Setting setting = generic(ctx.pathParam("name"))
                .orElseThrow(() -> new InvalidRequest("There is no such setting."));
        boolean changed = settings.change(session, setting, ctx.formParam("value"));
        done(ctx, session, changed ? "Saved: " + setting.label() + "." : "Nothing changed.");
    }

    private void changeMail(Context ctx, Session session) {
        refusalsOnThisPage(ctx, session);
        boolean changed = mail.change(session, ctx.formParam("smtp_url"), ctx.formParam("smtp_password"),
                ctx.formParam("from"));
        done(ctx, session, changed ? "Saved: the mail server." : "Nothing changed.");
    }

    private void sendTestEmail(Context ctx, Session session) {
        refusalsOnThisPage(ctx, session);
        render(ctx, session, Optional.empty(), Optional.empty(), Optional.of(testEmail.send(session)));
    }

    private void done(Context ctx, Session session, String message) {
        flash.put(session, message);
        ctx.redirect("/settings", HttpStatus.SEE_OTHER);
    }

    private void refusalsOnThisPage(Context ctx, Session session) {
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.empty(), Optional.of(refused.getMessage()),
                Optional.empty()));
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

    private void render(Context ctx, Session session, Optional<String> notice, Optional<String> error,
                        Optional<TestEmail.Outcome> test) {
        ctx.header("Cache-Control", "no-store");
        Map<Setting, String> values = settings.values();
        List<Row> rows = values.entrySet().stream().filter(e -> !isMail(e.getKey()))
                .map(e -> new Row(e.getKey().name(), e.getKey().label(), e.getValue(),
                        session.admin() || e.getKey().changeableBy(session.role()),
                        e.getKey() == Setting.PUPIL_NAMES_IN_ALERTS))
                .toList();
        templates.render(ctx, "settings.jte", new SettingsPage(PageHeader.signedIn("Settings", session), rows,
                mail.view(), session.admin() || Setting.SMTP_URL.changeableBy(session.role()), notice, error, test));
    }

    /** One setting as the page shows it; {@code yesNo} settings get a choice rather than a text field. */
    public record Row(String name, String label, String value, boolean changeable, boolean yesNo) {
    }

    /** The settings page. */
    public record SettingsPage(PageHeader header, List<Row> rows, MailServerSettings.View mail, boolean mayChangeMail,
                               Optional<String> notice, Optional<String> error, Optional<TestEmail.Outcome> test) {
    }
}
