package org.vigil.agent.config;

/** A setting is missing or wrong; the message names the key and where it was read from. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
