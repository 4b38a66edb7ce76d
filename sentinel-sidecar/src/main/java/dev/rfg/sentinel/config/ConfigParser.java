package dev.rfg.sentinel.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads redis-sentinel's config syntax in stock's order: the lines of the file (with its {@code include}s, in
 * place), then the command-line options as further lines; the server directives as they come, every
 * {@code sentinel} line after all of them, the {@code sentinel monitor} lines before the per-master options (so an
 * option may appear before its monitor line). Stock changes into {@code dir} as soon as it reads it: an
 * {@code include} or another {@code dir} that follows is relative to it, and the paths used once the config is
 * loaded (logfile, pidfile, scripts) are relative to the last one ({@link SentinelConfig#workDir}).
 */
public final class ConfigParser {
    private static final int MAX_INCLUDE_DEPTH = 16;

    private record Line(String file, int no, String text, List<String> args) {}

    /** The parse in progress: the config, the directory stock would be in, the deferred sentinel lines. */
    private static final class State {
        final SentinelConfig cfg = new SentinelConfig();
        final List<Line> sentinelLines = new ArrayList<>();
        Path cwd;
    }

    private ConfigParser() {}

    /** The file alone, relative paths against the current directory. */
    public static SentinelConfig parse(Path file) throws ConfigException {
        return parse(file, List.of(), Path.of("").toAbsolutePath());
    }

    /**
     * The file, then {@code extraLines} (the command-line options as config lines, see {@link CommandLine}),
     * numbered after the file's lines as stock does; {@code startDir} is the directory the process started in.
     */
    public static SentinelConfig parse(Path file, List<String> extraLines, Path startDir) throws ConfigException {
        String content = read(file);
        List<String> lines = new ArrayList<>(content.lines().toList());
        State st = new State();
        st.cwd = startDir.toAbsolutePath();
        collect(st, file.toString(), lines, 1, 0);
        // Stock appends the options to the file's text after a newline: they start one line below its end.
        int first = lines.size() + (content.isEmpty() || content.endsWith("\n") || content.endsWith("\r") ? 2 : 1);
        collect(st, file.toString(), extraLines, first, 0);
        SentinelConfig cfg = finish(st, file.toString());
        cfg.file = file;
        return cfg;
    }

    /** Lines without a file on disk (tests); relative paths against the current directory. */
    public static SentinelConfig parse(String fileName, List<String> lines) throws ConfigException {
        State st = new State();
        st.cwd = Path.of("").toAbsolutePath();
        collect(st, fileName, lines, 1, 0);
        return finish(st, fileName);
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Fatal error, can't open config file '" + file + "': " + reason(e), e);
        }
    }

    /** Applies the server directives of {@code lines} in order and keeps their sentinel lines for later. */
    private static void collect(State st, String fileName, List<String> lines, int firstNo, int depth)
            throws ConfigException {
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int no = firstNo + i;
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> args = ConfigTokenizer.split(trimmed);
            if (args == null) {
                throw ConfigException.atLine(fileName, no, text, "Unbalanced quotes in configuration line");
            }
            if (args.isEmpty()) {
                continue;
            }
            Line l = new Line(fileName, no, text, args);
            String directive = args.get(0).toLowerCase(Locale.ROOT);
            if (directive.equals("sentinel")) {
                // A bare "sentinel" (redis-server's --sentinel switch) means nothing more: stock ignores it.
                if (args.size() > 1) {
                    st.sentinelLines.add(l);
                }
            } else if (directive.equals("include")) {
                include(st, l, depth);
            } else if (directive.equals("user") && args.size() >= 2) {
                user(st, l);
            } else {
                try {
                    applyServer(st, args);
                } catch (IllegalArgumentException e) {
                    throw ConfigException.atLine(fileName, no, text, e.getMessage());
                }
            }
        }
    }

    /** {@code include path}: the file's lines in place, read relative to the current {@code dir}; a glob in its name. */
    private static void include(State st, Line l, int depth) throws ConfigException {
        if (l.args.size() != 2) {
            throw ConfigException.atLine(l.file, l.no, l.text, RedisDirectives.BAD);
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw ConfigException.atLine(l.file, l.no, l.text, "Too many nested includes");
        }
        Path pattern = st.cwd.resolve(l.args.get(1));
        String name = pattern.getFileName() == null ? "" : pattern.getFileName().toString();
        List<Path> files = new ArrayList<>();
        if (name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            // As stock: the matches in alphabetical order; no match is no error.
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(pattern.getParent())) {
                for (Path p : ds) {
                    if (m.matches(p.getFileName()) && Files.isRegularFile(p)) {
                        files.add(p);
                    }
                }
            } catch (IOException e) {
                // a directory that does not exist matches nothing
            }
            files.sort(null);
        } else {
            files.add(pattern);
        }
        for (Path f : files) {
            String content = read(f);
            collect(st, f.toString(), content.lines().toList(), 1, depth + 1);
        }
    }

    /**
     * {@code user <name> <rules...>}: kept for the ACL, which checks the rules once the config is read (stock
     * checks them here and loads them after; a duplicate name is refused here as there).
     */
    private static void user(State st, Line l) throws ConfigException {
        String name = l.args.get(1);
        if (st.cfg.users.stream().anyMatch(u -> u.name().equals(name))) {
            throw ConfigException.atLine(l.file, l.no, l.text, "Error in user declaration '" + name
                    + "': Duplicate user found. A user can only be defined once in config files");
        }
        st.cfg.users.add(new UserLine(l.file, l.no, l.text, l.args.subList(1, l.args.size())));
    }

    private static void applyServer(State st, List<String> a) {
        SentinelConfig cfg = st.cfg;
        switch (a.get(0).toLowerCase(Locale.ROOT)) {
            case "port" -> {
                SentinelDirectives.arity(a, 2);
                cfg.port = SentinelDirectives.integer(a.get(1), 0, 65535, "Invalid port");
            }
            case "maxclients" -> {
                SentinelDirectives.arity(a, 2);
                cfg.maxClients = SentinelDirectives.integer(a.get(1), 1, Integer.MAX_VALUE,
                        "argument must be between 1 and 2147483647 inclusive");
            }
            case "bind" -> {
                cfg.bind.clear();
                cfg.bind.addAll(a.subList(1, a.size()));
            }
            case "dir" -> {
                SentinelDirectives.arity(a, 2);
                // Stock's chdir, at once: what follows is relative to it.
                Path d = st.cwd.resolve(a.get(1)).normalize();
                if (!Files.exists(d)) {
                    throw new IllegalArgumentException("No such file or directory");
                }
                if (!Files.isDirectory(d)) {
                    throw new IllegalArgumentException("Not a directory");
                }
                if (!Files.isExecutable(d)) {
                    throw new IllegalArgumentException("Permission denied");
                }
                st.cwd = d;
                cfg.dir = d.toString();
            }
            case "logfile" -> {
                SentinelDirectives.arity(a, 2);
                cfg.logfile = a.get(1);
            }
            case "requirepass" -> {
                SentinelDirectives.arity(a, 2);
                cfg.requirepass = a.get(1).isEmpty() ? null : a.get(1);
            }
            case "daemonize" -> {
                SentinelDirectives.arity(a, 2);
                cfg.daemonize = switch (a.get(1).toLowerCase(Locale.ROOT)) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new IllegalArgumentException("argument must be 'yes' or 'no'");
                };
            }
            case "pidfile" -> {
                SentinelDirectives.arity(a, 2);
                cfg.pidfile = a.get(1).isEmpty() ? null : a.get(1);
            }
            case "loglevel" -> {
                SentinelDirectives.arity(a, 2);
                String v = a.get(1).toLowerCase(Locale.ROOT);
                if (!List.of("debug", "verbose", "notice", "warning").contains(v)) {
                    throw new IllegalArgumentException(
                            "argument(s) must be one of the following: debug, verbose, notice, warning");
                }
                cfg.loglevel = v;
            }
            // Everything else of redis.conf means nothing to this sentinel; unknown names are refused.
            default -> RedisDirectives.accept(a);
        }
    }

    /** After the last server line: the checks stock makes then, and the sentinel lines. */
    private static SentinelConfig finish(State st, String fileName) throws ConfigException {
        SentinelConfig cfg = st.cfg;
        cfg.workDir = st.cwd;
        if (!cfg.logfile.isEmpty()) {
            // Stock opens the log file (creating it) once the config is read, relative to the last dir.
            try (OutputStream o = Files.newOutputStream(cfg.resolve(cfg.logfile), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                o.flush();
            } catch (IOException e) {
                throw ConfigException.fatal("Can't open the log file: " + reason(e));
            }
        }
        // Pass 1: global sentinel options, monitor lines. Pass 2: options that refer to a master.
        for (Line l : st.sentinelLines) {
            try {
                SentinelDirectives.global(cfg, l.args.get(1).toLowerCase(Locale.ROOT), l.args);
            } catch (IllegalArgumentException e) {
                throw ConfigException.atLine(l.file, l.no, l.text, e.getMessage());
            }
        }
        for (Line l : st.sentinelLines) {
            try {
                SentinelDirectives.perMaster(cfg, l.args);
            } catch (IllegalArgumentException e) {
                throw ConfigException.atLine(l.file, l.no, l.text, e.getMessage());
            }
        }
        return cfg;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException || e instanceof java.nio.file.FileSystemException fse
                && fse.getReason() != null && fse.getReason().contains("Not a directory")) {
            return "Not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage();
    }
}
