package org.vigil.bench;

import java.util.List;

/**
 * The sign-in flood as a process of its own ({@code login-flood --flood-from-process}), so its 200 visitors' threads
 * do not compete with the console's inside one JVM and are counted apart: {@code login-flood-client BASE_URL VISITORS
 * SECONDS}. Tells the harness on stdout, when done: {@code answers {401=.., 429=..}} and {@code errors N}.
 */
final class LoginFloodClient {
    static final String ANSWERS = "answers ";
    static final String ERRORS = "errors ";

    private LoginFloodClient() {
    }

    static void run(List<String> args) throws Exception {
        if (args.size() != 3) {
            throw new IllegalArgumentException("usage: login-flood-client BASE_URL VISITORS SECONDS");
        }
        LoginFlood flood = new LoginFlood(args.get(0), Integer.parseInt(args.get(1)));
        flood.run(Integer.parseInt(args.get(2)));
        System.out.println(ANSWERS + flood.answers());
        System.out.println(ERRORS + flood.errors());
    }
}
