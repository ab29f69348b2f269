package org.vigil.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The agent's logging, set up in code instead of a {@code logback.xml}: parsing XML configuration loads logback's
 * Joran and the JDK's XML parser, about 600 classes in each of the agent's two processes, for five lines of
 * settings (bench/README.md, "Agent footprint"). Everything goes to stderr; the level of {@code org.vigil} is
 * {@code -Dvigil.log.level} or {@code VIGIL_LOG_LEVEL} (default INFO). A {@code -Dlogback.configurationFile} given
 * on the command line still wins. Found by logback through {@code META-INF/services}.
 * The agent never logs typed text: only categories, severities, rule ids, event ids and counts.
 */
public final class AgentLogSetup extends ContextAwareBase implements Configurator {
    /** The console, the agent and the benchmarks stamp their log lines alike: ISO 8601 with the zone's offset. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n";
    /** Libraries that are chatty at INFO. */
    static final Map<String, Level> QUIETER = Map.of(
            "io.grpc", Level.WARN,
            "io.netty", Level.WARN,
            "com.github.kwhat.jnativehook", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        context.getLogger("org.vigil").setLevel(vigilLevel(System.getProperty("vigil.log.level"),
                System.getenv("VIGIL_LOG_LEVEL")));
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The property first, then the environment variable; INFO when neither names a level. */
    public static Level vigilLevel(String property, String environment) {
        String name = property != null ? property : environment;
        return Level.toLevel(name, Level.INFO);
    }
}
