package org.vigil.console.edge;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How the web port talks: HTTPS (the default), with a certificate the console's own CA issues for its names (plus
 * {@code names}) or the school's own PEM certificate and key; or plain HTTP, only when asked for, for a console
 * behind a proxy that does TLS itself.
 *
 * @param plainHttp         serve plain HTTP ({@code --http-plain}, {@code VIGIL_HTTP_PLAIN=1})
 * @param schoolCertificate the school's certificate chain and key, PEM ({@code --https-cert}, {@code --https-key})
 * @param names             more host names and IP addresses the console's own certificate carries
 *                          ({@code --https-names a,b}, {@code VIGIL_HTTPS_NAMES})
 */
public record WebTransport(boolean plainHttp, Optional<SchoolCertificate> schoolCertificate, List<String> names) {
    public static final String PLAIN_ENV = "VIGIL_HTTP_PLAIN";
    public static final String CERT_ENV = "VIGIL_HTTPS_CERT";
    public static final String KEY_ENV = "VIGIL_HTTPS_KEY";
    public static final String NAMES_ENV = "VIGIL_HTTPS_NAMES";

    public WebTransport {
        schoolCertificate = schoolCertificate == null ? Optional.empty() : schoolCertificate;
        names = names == null ? List.of() : List.copyOf(new LinkedHashSet<>(names));
        if (plainHttp && schoolCertificate.isPresent()) {
            throw new IllegalArgumentException("--http-plain and --https-cert cannot be used together: choose one");
        }
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9*]([A-Za-z0-9.*-]*[A-Za-z0-9])?") && !name.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("--https-names: not a host name or IP address: " + name);
            }
        }
    }

    /** HTTPS with a certificate from the console's CA. */
    public static WebTransport https() {
        return new WebTransport(false, Optional.empty(), List.of());
    }

    public static WebTransport plain() {
        return new WebTransport(true, Optional.empty(), List.of());
    }

    public WebTransport withNames(List<String> more) {
        return new WebTransport(plainHttp, schoolCertificate, more);
    }

    public WebTransport withSchoolCertificate(Path certificate, Path key) {
        return new WebTransport(plainHttp, Optional.of(new SchoolCertificate(certificate, key)), names);
    }

    public String scheme() {
        return plainHttp ? "http" : "https";
    }

    /** The school's certificate chain (server first) and its private key, both PEM files. */
    public record SchoolCertificate(Path certificate, Path key) {
        public SchoolCertificate {
            if (certificate == null || key == null) {
                throw new IllegalArgumentException("--https-cert and --https-key go together: give both files");
            }
        }
    }
}
