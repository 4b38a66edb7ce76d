package dev.rfg.sentinel.acl;

/** Why an ACL rule was refused; the texts are the ones stock puts after "Error in ACL SETUSER modifier '...': ". */
public enum RuleError {
    SYNTAX("Syntax error"),
    UNKNOWN_COMMAND("Unknown command or category name in ACL"),
    KEY_AFTER_ALL("Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any "
            + "effect. Try 'resetkeys' to start with an empty list of patterns"),
    CHANNEL_AFTER_ALL("Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not "
            + "have any effect. Try 'resetchannels' to start with an empty list of channels"),
    NO_SUCH_PASSWORD("The password you are trying to remove from the user does not exist"),
    BAD_HASH("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters"),
    DUPLICATE_USER("Duplicate user found. A user can only be defined once in config files"),
    SUBCOMMAND_FIRST_ARG("Allowing first-arg of a subcommand is not supported");

    private final String message;

    RuleError(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** A rule refused for this reason. */
    static final class Refused extends Exception {
        final RuleError error;

        Refused(RuleError error) {
            super(error.message, null, false, false);
            this.error = error;
        }
    }
}
