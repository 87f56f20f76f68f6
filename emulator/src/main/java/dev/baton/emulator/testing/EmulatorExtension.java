package dev.baton.emulator.testing;

import dev.baton.emulator.Emulator;
import dev.baton.emulator.EmulatorOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts an {@link Emulator} on an OS-chosen loopback port and closes it afterwards. As a static
 * {@code @RegisterExtension} field it lives for the test class; as an instance field, for each test; with
 * {@code @ExtendWith(EmulatorExtension.class)} it runs per class with {@link EmulatorOptions#forTests()}.
 * Test methods and constructors may take an {@link Emulator} parameter.
 *
 * <p>{@link #withConsole()} (or {@code -Dbaton.emulator.console=true}) prints the console's URL when the emulator
 * starts; {@code -Dbaton.emulator.console.linger=SECONDS} then keeps it running that long after the tests, to
 * look at what they left in the browser.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension EMULATOR = new EmulatorExtension();
 * }</pre>
 */
public final class EmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final EmulatorOptions options;
    private final boolean console;
    private Emulator emulator;
    private boolean startedPerClass;

    public EmulatorExtension() {
        this(EmulatorOptions.forTests());
    }

    public EmulatorExtension(EmulatorOptions options) {
        this(options, Boolean.getBoolean("baton.emulator.console"));
    }

    private EmulatorExtension(EmulatorOptions options, boolean console) {
        this.options = options.withPort(0);
        this.console = console;
    }

    /** The same extension, printing the console's URL on start (see the class comment for lingering). */
    public EmulatorExtension withConsole() {
        return new EmulatorExtension(options, true);
    }

    /** The running emulator. */
    public Emulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while a test of its class runs");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = start();
        startedPerClass = true;
    }

    private Emulator start() {
        Emulator started = Emulator.start(options);
        if (console) {
            System.out.println("Baton emulator console: " + started.consoleUrl());
            System.out.flush();
        }
        return started;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            emulator = start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!startedPerClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (emulator == null) {
            beforeEach(context);
        }
        return emulator;
    }

    private void stop() {
        if (emulator != null) {
            linger();
            emulator.close();
            emulator = null;
        }
        startedPerClass = false;
    }

    private void linger() {
        long seconds = Long.getLong("baton.emulator.console.linger", 0);
        if (!console || seconds <= 0) {
            return;
        }
        System.out.println("Baton emulator console stays up " + seconds + " s: " + emulator.consoleUrl());
        System.out.flush();
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
