package dev.rfg.sentinel.harness;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives each test a fresh {@link Group}; dumps the sentinel logs if the test failed; always cleans up. */
public final class GroupExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GroupExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Group.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        try {
            Group g = new Group();
            c.getStore(NS).put("group", g);
            return g;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext c) {
        Group g = c.getStore(NS).remove("group", Group.class);
        if (g == null) {
            return;
        }
        if (c.getExecutionException().isPresent()) {
            g.dumpLogs();
        }
        g.close();
    }
}
