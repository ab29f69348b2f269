package org.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vigil.agent.logging.AgentLogSetup;

/** The console, the agent and the benchmarks stamp their log lines alike: ISO 8601 with the zone's offset. */
class LogFormatTest {
    static final String TIMESTAMP = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} ";

    @Test
    void logLinesStartWithAnIsoTimestamp() {
        assertTrue(AgentLogSetup.PATTERN.startsWith(TIMESTAMP), AgentLogSetup.PATTERN);
    }

    @Test
    void logbackFindsTheSetupInCodeAndLogsToStderrWithThatPattern() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", stderr.getTarget());
        assertEquals(AgentLogSetup.PATTERN, assertInstanceOf(PatternLayoutEncoder.class, stderr.getEncoder()).getPattern());
        assertEquals(Level.WARN, context.getLogger("io.grpc").getLevel());
    }

    @Test
    void theVigilLevelComesFromThePropertyThenTheEnvironment() {
        assertEquals(Level.DEBUG, AgentLogSetup.vigilLevel("DEBUG", "WARN"));
        assertEquals(Level.WARN, AgentLogSetup.vigilLevel(null, "WARN"));
        assertEquals(Level.INFO, AgentLogSetup.vigilLevel(null, null));
    }
}
