package dev.baton.testkit;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a fresh {@link PageFixture} (emulator, deployment, Jetty server, registered Page) before each test and
 * closes it after, so tests never share conversations or clocks. Register it on a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * final PageFixtureExtension page = PageFixtureExtension.of(() -> PageFixture.builder()
 *         .app(FixtureApp.of("marketing", "marketing", "111", AppRole.MARKETING).withSettingsYaml(SETTINGS)));
 *
 * @Test
 * void welcomes(PageFixture page) { page.person("1").tapAd("ad-1", "marketing"); ... }
 * }</pre>
 *
 * A test method may take the {@link PageFixture} as a parameter, or call {@link #page()}.
 */
public final class PageFixtureExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Supplier<PageFixture.Builder> builder;
    private PageFixture current;

    private PageFixtureExtension(Supplier<PageFixture.Builder> builder) {
        this.builder = requireNonNull(builder, "builder is null");
    }

    public static PageFixtureExtension of(Supplier<PageFixture.Builder> builder) {
        return new PageFixtureExtension(builder);
    }

    /** The running fixture of the current test. */
    public PageFixture page() {
        if (current == null) {
            throw new IllegalStateException("no fixture is running: is this called inside a test?");
        }
        return current;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        current = builder.get().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PageFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return page();
    }
}
