package org.vigil.console.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store test run on SQLite and on PostgreSQL ({@link BothStores}); it takes a {@link StoreUnderTest} parameter
 * and opens its database with {@link StoreUnderTest#open}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(BothStores.class)
public @interface OnBothStores {
}
