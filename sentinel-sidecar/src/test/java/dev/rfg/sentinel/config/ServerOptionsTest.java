package dev.rfg.sentinel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server directives rfg-sentinel honours, {@code dir} as stock's chdir, includes and the command line. */
class ServerOptionsTest {

    @Test
    void theServerDirectivesItHonoursAreReadAndChecked() throws Exception {
        SentinelConfig c = ConfigParser.parse("s.conf", List.of("daemonize yes", "pidfile /tmp/rfg-x.pid",
                "loglevel VERBOSE", "requirepass pw", "logfile \"\""));
        assertThat(c.daemonize).isTrue();
        assertThat(c.pidfile).isEqualTo("/tmp/rfg-x.pid");
        assertThat(c.loglevel).isEqualTo("verbose");
        assertThat(c.requirepass).isEqualTo("pw");
        assertThat(ConfigParser.parse("s.conf", List.of("daemonize yes")).pidfilePath())
                .hasToString(SentinelConfig.DEFAULT_PIDFILE);
        assertThat(ConfigParser.parse("s.conf", List.of("port 1")).pidfilePath()).isNull();
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("daemonize maybe")))
                .hasMessageEndingWith("\nargument must be 'yes' or 'no'");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("loglevel loud")))
                .hasMessageEndingWith("\nargument(s) must be one of the following: debug, verbose, notice, warning");
    }

    @Test
    void dirIsAChdirWhileTheConfigIsRead(@TempDir Path root) throws Exception {
        Path start = Files.createDirectories(root.resolve("start"));
        Path a = Files.createDirectories(root.resolve("a"));
        Path sub = Files.createDirectories(a.resolve("sub"));
        Files.writeString(start.resolve("inc1.conf"), "port 26411\n");
        Files.writeString(a.resolve("inc2.conf"), "sentinel monitor m 10.0.0.1 6379 2\n");
        Files.writeString(sub.resolve("frag-2.conf"), "loglevel warning\n");
        Files.writeString(sub.resolve("frag-1.conf"), "loglevel debug\nrequirepass x\n");
        Path script = Files.writeString(sub.resolve("notify.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = start.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n",
                "logfile log.txt",                 // used after the load: relative to the last dir, as stock
                "include inc1.conf",               // relative to the start directory
                "dir ../a",                        // too
                "include inc2.conf",               // relative to a
                "dir sub",                         // relative to a
                "include frag-*.conf",             // a glob in a/sub, read in name order
                "pidfile run/s.pid",
                "sentinel notification-script m notify.sh", "") );
        SentinelConfig c = ConfigParser.parse(conf, List.of("port \"26412\""), start);
        assertThat(c.file).isEqualTo(conf);
        assertThat(c.workDir).isEqualTo(sub);
        assertThat(c.dir).isEqualTo(sub.toString());
        assertThat(c.resolve(c.logfile)).isEqualTo(sub.resolve("log.txt"));
        assertThat(sub.resolve("log.txt")).exists();            // stock opens (creates) it at load
        assertThat(start.resolve("log.txt")).doesNotExist();
        assertThat(c.pidfilePath()).isEqualTo(sub.resolve("run/s.pid"));
        assertThat(c.resolve(c.masters.get("m").notificationScript)).isEqualTo(script);
        assertThat(c.requirepass).isEqualTo("x");
        assertThat(c.loglevel).isEqualTo("warning");
        assertThat(c.port).isEqualTo(26412);                    // the command line comes after the file

        assertThatThrownBy(() -> ConfigParser.parse(conf, List.of("dir nowhere"), start))
                .hasMessageContaining("at line 10").hasMessageContaining(">>> 'dir nowhere'")
                .hasMessageEndingWith("\nNo such file or directory");
        Files.writeString(conf, "dir ../a\nsentinel monitor m 10.0.0.1 6379 2\nsentinel notification-script m notify.sh\n");
        assertThatThrownBy(() -> ConfigParser.parse(conf, List.of(), start))
                .hasMessageContaining("at line 3")
                .hasMessageEndingWith("\nNotification script seems non existing or non executable.");
        Files.writeString(conf, "dir ../a\nlogfile nodir/x.log\n");
        assertThatThrownBy(() -> ConfigParser.parse(conf, List.of(), start))
                .hasMessageEndingWith("\nCan't open the log file: No such file or directory");
        Files.writeString(conf, "dir ../a\ninclude inc1.conf\n");
        assertThatThrownBy(() -> ConfigParser.parse(conf, List.of(), start))
                .hasMessageContaining("can't open config file '" + a.resolve("inc1.conf") + "'");
    }

    @Test
    void commandLineOptionsBecomeConfigLinesAfterTheFile(@TempDir Path dir) throws Exception {
        List<String> lines = CommandLine.optionLines(List.of("--port", "26380", "--sentinel", "announce-ip",
                "1.2.3.4", "--loglevel", "verbose", "--bind", "127.0.0.1", "::1", "--maxmemory 1mb", "--save",
                "--requirepass", "--odd \"pw\"", "--sentinel"));
        assertThat(lines).containsExactly("port \"26380\"", "sentinel \"announce-ip\" \"1.2.3.4\"",
                "loglevel \"verbose\"", "bind \"127.0.0.1\" \"::1\"", "maxmemory 1mb", "save \"\"",
                "requirepass \"--odd \\\"pw\\\"\"", "sentinel");
        assertThat(CommandLine.optionLines(List.of("--sentinel", "--port", "1", "--save")))
                .containsExactly("sentinel", "port \"1\"", "save \"\"");

        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port 26379\nsentinel monitor m 10.0.0.1 6379 2\n");
        SentinelConfig c = ConfigParser.parse(conf, lines, dir);
        assertThat(c.port).isEqualTo(26380);
        assertThat(c.announceIp).isEqualTo("1.2.3.4");
        assertThat(c.loglevel).isEqualTo("verbose");
        assertThat(c.bind).containsExactly("127.0.0.1", "::1");
        assertThat(c.requirepass).isEqualTo("--odd \"pw\"");
        // Numbered as stock numbers them: after the file's lines and the newline it adds.
        assertThatThrownBy(() -> ConfigParser.parse(conf, CommandLine.optionLines(List.of("--port", "abc")), dir))
                .hasMessageContaining("at line 4").hasMessageContaining(">>> 'port \"abc\"'");
        assertThatThrownBy(() -> ConfigParser.parse(conf, CommandLine.optionLines(List.of("--frob", "1")), dir))
                .hasMessageEndingWith("\nBad directive or wrong number of arguments");
        assertThatThrownBy(() -> CommandLine.optionLines(List.of("26380"))).isInstanceOf(ConfigException.class);
    }
}
