package dev.rfg.sentinel.server;

/** Redis-style glob matching (*, ?, [...], escapes), as used by PSUBSCRIBE, SENTINEL RESET and CONFIG GET. */
public final class Glob {
    private Glob() {}

    public static boolean matches(String pattern, String s, boolean nocase) {
        if (nocase) {
            pattern = pattern.toLowerCase(java.util.Locale.ROOT);
            s = s.toLowerCase(java.util.Locale.ROOT);
        }
        return match(pattern, 0, s, 0, 0);
    }

    private static boolean match(String p, int pi, String s, int si, int depth) {
        if (depth > 1000) {
            return false;
        }
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length()) {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k, depth + 1)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    si++;
                }
                case '[' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    boolean not = pi < p.length() && p.charAt(pi) == '^';
                    if (not) {
                        pi++;
                    }
                    boolean found = false;
                    while (pi < p.length() && p.charAt(pi) != ']') {
                        if (p.charAt(pi) == '\\' && pi + 1 < p.length()) {
                            pi++;
                            found |= p.charAt(pi) == s.charAt(si);
                        } else if (pi + 2 < p.length() && p.charAt(pi + 1) == '-') {
                            char lo = p.charAt(pi);
                            char hi = p.charAt(pi + 2);
                            if (lo > hi) {
                                char t = lo;
                                lo = hi;
                                hi = t;
                            }
                            found |= s.charAt(si) >= lo && s.charAt(si) <= hi;
                            pi += 2;
                        } else {
                            found |= p.charAt(pi) == s.charAt(si);
                        }
                        pi++;
                    }
                    if (found == not) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < p.length()) {
                        pi++;
                    }
                    if (si >= s.length() || p.charAt(pi) != s.charAt(si)) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (si >= s.length() || c != s.charAt(si)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
        }
        return si == s.length();
    }
}
