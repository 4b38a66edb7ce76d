package dev.rfg.sentinel.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * ACLMergeSelectorArguments: a selector may come split over several arguments ({@code "(~a" "+get)"}); they are
 * joined with single spaces from the one that opens it to the one that closes it.
 */
final class SelectorArgs {
    private SelectorArgs() {}

    static List<String> merge(List<String> rules) throws AclException {
        List<String> out = new ArrayList<>();
        StringBuilder open = null;
        String openedBy = null;
        for (String op : rules) {
            // As stock: an opening argument while a selector is open starts over from it.
            if (op.startsWith("(") && !op.endsWith(")")) {
                open = new StringBuilder(op);
                openedBy = op;
                continue;
            }
            if (open != null) {
                open.append(' ').append(op);
                if (op.endsWith(")")) {
                    out.add(open.toString());
                    open = null;
                }
                continue;
            }
            out.add(op);
        }
        if (open != null) {
            throw new AclException(openedBy, null);
        }
        return out;
    }
}
