package dev.rfg.sentinel.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The options after the config file, as stock turns them into config lines read after the file:
 * {@code --name v1 v2 --other v} becomes {@code name "v1" "v2"} and {@code other "v"}. An option given with its
 * value in one argument ({@code "--port 26380"}) is taken as it is; a name alone takes the next argument as its
 * value even if that starts with {@code --}, except {@code --sentinel} (a switch: a bare {@code sentinel} line,
 * ignored) and {@code --save} (then {@code save ""}) followed by another option.
 */
public final class CommandLine {
    private CommandLine() {}

    public static List<String> optionLines(List<String> args) throws ConfigException {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = null;
        boolean valueDue = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean last = i == args.size() - 1;
            if (a.equals("-") && last) {
                // Stock reads more config from standard input then; a sentinel is given its file.
                throw new ConfigException("Reading config lines from standard input ('-') is not supported");
            }
            if (!valueDue && a.startsWith("--")) {
                if (cur != null) {
                    lines.add(cur.toString().stripTrailing());
                }
                String opt = a.substring(2);
                cur = new StringBuilder(opt).append(' ');
                List<String> words = ConfigTokenizer.split(opt);
                if (words != null && words.size() > 1) {
                    continue;
                }
                boolean nextIsOption = !last && args.get(i + 1).startsWith("--");
                if (opt.equalsIgnoreCase("save") && (last || nextIsOption)) {
                    cur.append("\"\"");
                } else if (!(opt.equalsIgnoreCase("sentinel") && (last || nextIsOption))) {
                    valueDue = true;
                }
            } else if (cur == null) {
                throw new ConfigException("Bad command line argument '" + a + "': options are --name value");
            } else {
                cur.append(repr(a)).append(' ');
                valueDue = false;
            }
        }
        if (cur != null) {
            lines.add(cur.toString().stripTrailing());
        }
        return lines;
    }

    /** An argument in double quotes, as stock shows it; {@link ConfigTokenizer#split} reads it back unchanged. */
    static String repr(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\', '"' -> b.append('\\').append(c);
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case (char) 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
