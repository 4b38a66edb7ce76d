package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.server.AclCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule parser and the description of a user (ACL LIST), against what a stock redis-sentinel 7.0.15 answered
 * to the same ACL SETUSER lines (taken on loopback). Where stock's order of single commands comes from its hash
 * table (random per process), the order here is the command table's; those cases are checked by their effect.
 */
class RulesTest {
    private final AclUsers users = new AclUsers(AclCatalog.SENTINEL, null);

    private String set(String name, String... rules) throws AclException {
        users.commit(users.stage(name, List.of(rules)));
        return users.get(name).describe();
    }

    private String error(String... rules) {
        try {
            users.stage("bob", List.of(rules));
        } catch (AclException e) {
            return e.setuserMessage();
        }
        throw new AssertionError("accepted: " + List.of(rules));
    }

    @Test
    void aNewUserIsOffWithNothingAndResetAddsSanitizePayload() throws Exception {
        assertThat(set("bob")).isEqualTo("off resetchannels -@all");
        assertThat(set("bob", "reset")).isEqualTo("off sanitize-payload resetchannels -@all");
        assertThat(users.defaultUser().describe()).isEqualTo("on nopass ~* &* +@all");
    }

    @Test
    void commandRulesAreDescribedAsStockDoes() throws Exception {
        String hash = "#f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a";
        assertThat(set("bob", "on", ">p1", "+@all", "-@admin"))
                .isEqualTo("on " + hash + " resetchannels +@all -@admin");
        assertThat(set("bob", "-@all", "+@connection")).isEqualTo("on " + hash + " resetchannels -@all +@connection");
        assertThat(set("bob", "-@all", "+client|id", "+ping|x"))
                .isEqualTo("on " + hash + " resetchannels -@all +client|id +ping|x");
        // admin is within dangerous here; +sentinel is all admin
        assertThat(set("u1", "-@all", "+@admin", "-@dangerous")).isEqualTo("off resetchannels -@all");
        assertThat(set("u1", "-@all", "+sentinel", "+@admin")).isEqualTo("off resetchannels -@all +@admin");
        assertThat(set("x", "+PING|A", "+Client|ID", "+ping|a"))
                .isEqualTo("off resetchannels -@all +client|id +ping|A");
    }

    @Test
    void aContainerRuleCoversItsSubcommandsAndTheOrderOfRulesCounts() throws Exception {
        set("bob", "on", "nopass", "+@all", "-client", "+client|id");
        User bob = users.get("bob");
        assertThat(allowed(bob, "client", "id")).isTrue();
        assertThat(allowed(bob, "client", "kill", "1.2.3.4:5")).isFalse();
        assertThat(allowed(bob, "ping")).isTrue();
        // +client|id first, then -client: the later rule wins
        set("bob", "+client|id", "-client");
        assertThat(allowed(bob, "client", "id")).isFalse();
        // a category reaches subcommands through their container: -@admin takes sentinel|help (not admin) too
        set("bob", "+@all", "-@admin");
        assertThat(allowed(bob, "sentinel", "help")).isFalse();
        assertThat(allowed(bob, "client", "id")).isTrue();
        assertThat(allowed(bob, "auth", "x")).isTrue();
        set("bob", "-@all");
        assertThat(allowed(bob, "hello")).as("no_auth commands always pass the command check").isTrue();
        set("bob", "+ping|only");
        assertThat(allowed(bob, "ping", "ONLY")).isTrue();
        assertThat(allowed(bob, "ping", "other")).isFalse();
        assertThat(allowed(bob, "ping")).isFalse();
        set("bob", "-ping");
        assertThat(allowed(bob, "ping", "only")).as("a -cmd forgets its first arguments").isFalse();
    }

    @Test
    void keyAndChannelPatterns() throws Exception {
        assertThat(set("bob", "%R~a", "%W~b", "%RW~c", "~d", "%R", "~")).isEqualTo(
                "off %R~a %W~b ~c ~d ~ resetchannels -@all");
        assertThat(set("bob", "allkeys", "&y", "&y", "&z")).isEqualTo("off ~* resetchannels &y &z -@all");
        assertThat(set("bob", "resetkeys", "allchannels")).isEqualTo("off &* -@all");
        assertThat(set("bob", "resetchannels", "~k")).isEqualTo("off ~k resetchannels -@all");
    }

    @Test
    void passwordsAreHashesAndNopassClearsThem() throws Exception {
        assertThat(set("u1", "on", ">a", ">b", "nopass")).isEqualTo("on nopass resetchannels -@all");
        set("u1", ">c", "<c");
        assertThat(users.get("u1").passwords()).isEmpty();
        String hash = Passwords.hash("foobar");
        assertThat(set("u1", "#" + hash, ">foobar")).isEqualTo("on #" + hash + " resetchannels -@all");
        assertThat(set("u1", "!" + hash)).isEqualTo("on resetchannels -@all");
        assertThat(set("u1", "ON", "OFF", "Nopass", "skip-sanitize-payload", "", "resetpass"))
                .isEqualTo("off skip-sanitize-payload resetchannels -@all");
    }

    @Test
    void selectorsAreDescribedInParentheses() throws Exception {
        assertThat(set("bob", "(+ping ~x)", "(&y", "-@all)", "()", "(  +ping  )")).isEqualTo("off resetchannels -@all "
                + "(~x resetchannels -@all +ping) (resetchannels &y -@all) (resetchannels -@all) "
                + "(resetchannels -@all +ping)");
        assertThat(users.get("bob").selectorDescriptions().get(1)).containsExactly("-@all +ping", "~x", "");
        assertThat(set("bob", "clearselectors")).isEqualTo("off resetchannels -@all");
    }

    @Test
    void badRulesGiveStocksErrorsAndChangeNothing() throws Exception {
        set("bob", "on", ">keep");
        String before = users.get("bob").describe();
        assertThat(error("+@all", "foo")).isEqualTo("Error in ACL SETUSER modifier 'foo': Syntax error");
        assertThat(error("+nosuch")).endsWith("'+nosuch': Unknown command or category name in ACL");
        assertThat(error("+client|kill|x")).endsWith(": Allowing first-arg of a subcommand is not supported");
        assertThat(error("+client|")).endsWith("'+client|': Syntax error");
        for (String unknown : List.of("-client|", "-ping|x", "+", "-", "+@", "+@nosuch", "+|a", "+client|nosuch")) {
            assertThat(error(unknown)).endsWith(": Unknown command or category name in ACL");
        }
        assertThat(error("~*", "~x")).isEqualTo("Error in ACL SETUSER modifier '~x': Adding a pattern after the * "
                + "pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to "
                + "start with an empty list of patterns");
        assertThat(error("&*", "&x")).contains("'allchannels' flag").endsWith("Try 'resetchannels' to start with "
                + "an empty list of channels");
        assertThat(error("<nope")).endsWith(": The password you are trying to remove from the user does not exist");
        assertThat(error("#abc")).endsWith(": The password hash must be exactly 64 characters and contain only "
                + "lowercase hexadecimal characters");
        for (String syntax : List.of("%X~a", "%", "%RR~a", "(foo)", "@all", ")")) {
            assertThat(error(syntax)).isEqualTo("Error in ACL SETUSER modifier '" + syntax + "': Syntax error");
        }
        assertThat(error("(+ping")).isEqualTo("Unmatched parenthesis in acl selector starting at '(+ping'.");
        assertThat(error("(~a", "&b)", "(")).isEqualTo("Unmatched parenthesis in acl selector starting at '('.");
        assertThat(users.get("bob").describe()).isEqualTo(before);
    }

    @Test
    void aDescriptionRecreatesTheSameUser() throws Exception {
        String[][] cases = {{"+@all", "-client", "+client|list", "-@pubsub", "+publish"},
            {"-@all", "+@slow", "-acl|setuser", "+ping|x", "+ping|y"}, {"+@all", "-@all", "+@fast", "-ping"},
            {"+@all", "-sentinel", "+sentinel|help"}, {"-@all", "+acl", "+client", "-client|kill"}};
        for (String[] rules : cases) {
            set("r", "reset");
            set("r", rules);
            String d = RuleWriter.commandRules(users.get("r").root());
            set("copy", "reset");
            set("copy", d.split(" "));
            assertThat(RuleWriter.commandRules(users.get("copy").root())).as("%s -> %s", List.of(rules), d)
                    .isEqualTo(d);
            assertThat(users.get("copy").root().allowed).isEqualTo(users.get("r").root().allowed);
        }
    }

    private boolean allowed(User u, String... args) {
        CommandCatalog.Cmd cmd = AclCatalog.SENTINEL.lookup(args[0]);
        if (!cmd.subcommands.isEmpty() && args.length > 1) {
            cmd = AclCatalog.SENTINEL.lookup(args[0] + "|" + args[1]);
        }
        return Permissions.check(u, cmd, List.of(args)) == null;
    }
}
