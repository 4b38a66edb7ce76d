package dev.rfg.sentinel.acl;

/**
 * A rule that was refused, or a selector opened and never closed ({@code error} null): the texts of stock's
 * ACL SETUSER reply and of its config error.
 */
public final class AclException extends Exception {
    private final String rule;
    private final RuleError error;

    AclException(String rule, RuleError error) {
        super(rule + ": " + (error == null ? "unmatched parenthesis" : error.message()), null, false, false);
        this.rule = rule;
        this.error = error;
    }

    /** The reply to ACL SETUSER, without the "ERR " prefix. */
    public String setuserMessage() {
        if (error == null) {
            return "Unmatched parenthesis in acl selector starting at '" + rule + "'.";
        }
        return "Error in ACL SETUSER modifier '" + rule + "': " + error.message();
    }

    /** The reason given for a bad {@code user} line of the config file. */
    public String configMessage() {
        return "Error in user declaration '" + rule + "': "
                + (error == null ? "Unmatched parenthesis in acl selector" : error.message());
    }
}
