package org.vigil.console.store;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;
import org.vigil.console.store.postgresql.TestPostgres;

/**
 * Runs a {@link OnBothStores} test twice, on SQLite and on PostgreSQL, handing it a {@link StoreUnderTest}
 * parameter of each kind (ADR 0171). Where the tests have no PostgreSQL, the PostgreSQL run is skipped with the
 * reason (a JUnit assumption), so a clone without PostgreSQL still passes.
 */
public final class BothStores implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(OnBothStores.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(StoreUnderTest.Kind.values()).map(Invocation::new);
    }

    private record Invocation(StoreUnderTest.Kind kind) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return kind == StoreUnderTest.Kind.SQLITE ? "SQLite" : "PostgreSQL";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new OnKind(kind));
        }
    }

    /** Skips the PostgreSQL run without a server, and gives the test its store (closed after it). */
    private record OnKind(StoreUnderTest.Kind kind) implements BeforeEachCallback, ParameterResolver {
        @Override
        public void beforeEach(ExtensionContext context) {
            if (kind == StoreUnderTest.Kind.POSTGRESQL && TestPostgres.server().isEmpty()) {
                throw new TestAbortedException(TestPostgres.unavailableReason());
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == StoreUnderTest.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(ExtensionContext.Namespace.create(BothStores.class, kind))
                    .getOrComputeIfAbsent("store", key -> new StoreUnderTest(kind), StoreUnderTest.class);
        }
    }
}
