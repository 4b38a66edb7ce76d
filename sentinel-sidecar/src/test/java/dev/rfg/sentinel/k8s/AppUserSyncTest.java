package dev.rfg.sentinel.k8s;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps of AppUserSync against a server that records what it is told (the real ones: KubernetesModeTest). */
class AppUserSyncTest {

    /** Users by name with the arguments of their last ACL SETUSER; refuses rules containing "+bad". */
    static final class RecordingServer implements AppUserSync.Target {
        final Map<String, List<String>> users = new LinkedHashMap<>(Map.of("default", List.of(), "rfg-admin",
                List.of(), "by-hand", List.of()));
        final List<String> commands = new ArrayList<>();

        @Override
        public Set<String> users() {
            return new LinkedHashSet<>(users.keySet());
        }

        @Override
        public String setUser(String name, List<String> args) {
            commands.add("SETUSER " + name + " " + String.join(" ", args));
            if (args.contains("+bad")) {
                return "ERR Error in ACL SETUSER modifier '+bad': Unknown command";
            }
            users.put(name, args);
            return null;
        }

        @Override
        public void deleteUser(String name) {
            commands.add("DELUSER " + name);
            users.remove(name);
        }

        @Override
        public List<String> rules(AppUserSync.Desired user) {
            return List.of(user.rules().split(" "));
        }
    }

    private final RecordingServer server = new RecordingServer();
    private final List<String> reports = new ArrayList<>();
    private final AppUserSync sync = new AppUserSync(server, "Redis", (reason, message) -> reports.add(reason + ": "
            + message));

    private static AppUserSync.Desired app(String rules, String password) {
        return new AppUserSync.Desired("app", rules, password);
    }

    @Test
    void aDeclaredUserIsMadeOnceAndUsersNotDeclaredGoButNeverRfgsOrDefault() throws Exception {
        sync.sync(List.of(app("~app:* +get", "p1")), List.of(), 0, 1000);
        sync.sync(List.of(app("~app:* +get", "p1")), List.of(), 2000, 1000);

        assertThat(server.commands).containsExactly("SETUSER app reset on >p1 ~app:* +get", "DELUSER by-hand");
        assertThat(server.users).containsOnlyKeys("default", "rfg-admin", "app");
    }

    @Test
    void aNewPasswordIsAcceptedBesideTheOldOneUntilTheGraceEnds() throws Exception {
        sync.sync(List.of(app("+get", "p1")), List.of(), 0, 1000);
        server.commands.clear();

        sync.sync(List.of(app("+get", "p2")), List.of(), 10_000, 1000);
        sync.sync(List.of(app("+get", "p2")), List.of(), 10_500, 1000);
        assertThat(server.commands).containsExactly("SETUSER app reset on >p2 >p1 +get");

        sync.sync(List.of(app("+get", "p2")), List.of(), 11_000, 1000);
        assertThat(server.commands).containsExactly("SETUSER app reset on >p2 >p1 +get", "SETUSER app <p1");
    }

    @Test
    void aRefusedRuleIsReportedOnceWithoutPasswordsAndChangesNothing() throws Exception {
        sync.sync(List.of(app("+get", "p1")), List.of(), 0, 1000);
        sync.sync(List.of(app("+get +bad", "p1")), List.of(), 2000, 1000);
        sync.sync(List.of(app("+get +bad", "p1")), List.of(), 4000, 1000);

        assertThat(server.users.get("app")).containsExactly("reset", "on", ">p1", "+get");
        assertThat(reports).singleElement().asString().startsWith("AclUserRefused: the Redis refused ACL user app")
            .doesNotContain("p1");
    }

    @Test
    void aUserWithoutItsPasswordIsLeftAsItRunsAndALostOneComesBack() throws Exception {
        sync.sync(List.of(app("+get", "p1")), List.of(), 0, 1000);
        sync.sync(List.of(), List.of("app"), 2000, 1000);
        assertThat(server.users).containsKey("app");
        assertThat(reports).singleElement().asString().startsWith("AclUserPasswordMissing");

        server.users.remove("app"); // a Redis restart
        sync.sync(List.of(app("+get", "p1")), List.of(), 4000, 1000);
        assertThat(server.users.get("app")).containsExactly("reset", "on", ">p1", "+get");
    }
}
