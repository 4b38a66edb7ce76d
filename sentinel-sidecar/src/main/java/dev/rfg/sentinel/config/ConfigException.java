package dev.rfg.sentinel.config;

/** A config file that cannot be read, parsed or written. The message names the file, line and reason. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error of the config as a whole (no line), like stock's "Can't open the log file". */
    static ConfigException fatal(String reason) {
        return new ConfigException("*** FATAL CONFIG FILE ERROR (rfg-sentinel) ***\n" + reason);
    }

    public static ConfigException atLine(String file, int lineNo, String line, String reason) {
        return new ConfigException("*** FATAL CONFIG FILE ERROR (rfg-sentinel) ***\n"
                + "Reading the configuration file " + file + ", at line " + lineNo + "\n"
                + ">>> '" + line.strip() + "'\n" + reason);
    }
}
