package io.pvscope.agent.server.security;

/** A configuration file that cannot be used, with the file and the setting named in the message. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
