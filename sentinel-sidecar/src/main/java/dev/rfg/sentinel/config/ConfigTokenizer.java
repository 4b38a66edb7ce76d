package dev.rfg.sentinel.config;

import java.util.ArrayList;
import java.util.List;

/** Splits a config line into arguments the way redis does: blanks separate, quotes group, escapes in "". */
public final class ConfigTokenizer {
    private ConfigTokenizer() {}

    /** Returns the arguments, or null if the quotes are unbalanced. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            StringBuilder cur = new StringBuilder();
            boolean inDq = false;
            boolean inSq = false;
            boolean done = false;
            while (!done) {
                if (i >= n) {
                    if (inDq || inSq) {
                        return null;
                    }
                    done = true;
                    continue;
                }
                char c = line.charAt(i);
                if (inDq) {
                    if (c == '\\' && i + 1 < n) {
                        char e = line.charAt(++i);
                        cur.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'a' -> (char) 7;
                            case 'b' -> '\b';
                            default -> e;
                        });
                    } else if (c == '"') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else if (inSq) {
                    if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        cur.append('\'');
                        i++;
                    } else if (c == '\'') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    done = true;
                } else if (c == '"') {
                    inDq = true;
                } else if (c == '\'') {
                    inSq = true;
                } else {
                    cur.append(c);
                }
                i++;
            }
            out.add(cur.toString());
        }
    }

    /** Quotes an argument for writing back if it needs it. */
    public static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '\\')) {
            return arg;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            switch (c) {
                case '\\', '"' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
