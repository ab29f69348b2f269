package org.vigil.console.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.vigil.console.request.InvalidRequest;
import org.vigil.proto.WireNames;

/** The checks on the sign-in notice's two settings (ADR 0113): bounded by the wire's limits, one line, a web link. */
final class SignInNoticeText {
    static final String DEFAULT_TEXT = WireNames.DEFAULT_NOTICE_TEXT;

    private SignInNoticeText() {
    }

    /** The text as stored: control characters (line breaks) made spaces; empty is the default. */
    static String text(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}+", " ").strip();
        if (cleaned.isEmpty()) {
            return DEFAULT_TEXT;
        }
        if (cleaned.length() > WireNames.MAX_NOTICE_CHARS) {
            throw new InvalidRequest("The notice has " + cleaned.length() + " characters; at most "
                    + WireNames.MAX_NOTICE_CHARS + " fit a sign-in notification.");
        }
        return cleaned;
    }

    /** An absolute http(s) address, or empty. */
    static String link(String value) {
        if (value.isEmpty()) {
            return "";
        }
        if (value.length() > WireNames.MAX_NOTICE_LINK_CHARS) {
            throw new InvalidRequest("The policy link has " + value.length() + " characters; at most "
                    + WireNames.MAX_NOTICE_LINK_CHARS + ".");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidRequest("\"" + value + "\" is not a web address (for example"
                + " https://school.example/safeguarding-policy).");
    }
}
