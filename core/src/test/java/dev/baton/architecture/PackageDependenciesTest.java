package dev.baton.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps core's package dependencies as docs/ARCHITECTURE.md ("Packages in core") writes them down: no
 * cycle between packages, and each package uses only the Baton packages and libraries listed for it. A
 * change that needs another arrow changes the table there and here, on purpose.
 */
class PackageDependenciesTest {

    /** The SPI module's packages (baton-spi): every package may use them. */
    private static final List<String> SPI = List.of("dev.baton.event", "dev.baton.spi", "dev.baton.send",
            "dev.baton.graph.error");
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String MICROMETER = "io.micrometer..";
    private static final String RESILIENCE4J = "io.github.resilience4j..";
    private static final String GUICE = "com.google.inject..";

    /** Package → the other core packages and the libraries it may use (besides java.*, slf4j and the SPI). */
    static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("dev.baton.webhook", List.of(JACKSON));
        ALLOWED.put("dev.baton.config", List.of("dev.baton.webhook", JACKSON));
        ALLOWED.put("dev.baton.server", List.of());
        ALLOWED.put("dev.baton.store", List.of("dev.baton.config"));
        ALLOWED.put("dev.baton.store.memory", List.of());
        ALLOWED.put("dev.baton.dispatch", List.of("dev.baton.config", "dev.baton.webhook", JACKSON, MICROMETER));
        ALLOWED.put("dev.baton.ownership", List.of("dev.baton.dispatch", MICROMETER));
        ALLOWED.put("dev.baton.ingest", List.of("dev.baton.dispatch", "dev.baton.server", "dev.baton.webhook",
                MICROMETER));
        ALLOWED.put("dev.baton.graph", List.of("dev.baton.config", "dev.baton.dispatch", "dev.baton.ownership",
                JACKSON, MICROMETER, RESILIENCE4J));
        ALLOWED.put("dev.baton.graph.setup", List.of("dev.baton.config", "dev.baton.graph", JACKSON, MICROMETER));
        ALLOWED.put("dev.baton.runtime", List.of("dev.baton.config", "dev.baton.dispatch", "dev.baton.graph",
                "dev.baton.ingest", "dev.baton.ownership", "dev.baton.server", "dev.baton.store", GUICE, MICROMETER));
        ALLOWED.put("dev.baton.testing", List.of("dev.baton.config", "dev.baton.dispatch", "dev.baton.ingest",
                "dev.baton.server", "dev.baton.store.memory", "dev.baton.webhook", MICROMETER));
    }

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        // core's own main classes only (surefire runs in the module's folder), not the SPI jar or the tests
        core = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void everyPackageOfCoreHasItsRuleWrittenDown() {
        Set<String> packages = new TreeSet<>();
        core.forEach(javaClass -> packages.add(javaClass.getPackageName()));
        assertThat(packages).as("packages of core; add a new one to ALLOWED and to docs/ARCHITECTURE.md")
                .isNotEmpty().isSubsetOf(ALLOWED.keySet());
    }

    @Test
    void corePackagesAreFreeOfCycles() {
        slices().matching("dev.baton.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void eachPackageUsesOnlyWhatItsRuleAllows() {
        List<String> violations = new ArrayList<>();
        ALLOWED.forEach((pkg, allowed) -> {
            List<String> packages = new ArrayList<>(List.of(pkg, "java..", "javax..", "org.slf4j.."));
            packages.addAll(SPI);
            packages.addAll(allowed);
            EvaluationResult result = classes().that().resideInAPackage(pkg).should().onlyDependOnClassesThat()
                    .resideInAnyPackage(packages.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .evaluate(core);
            violations.addAll(result.getFailureReport().getDetails());
        });
        assertThat(violations).as("dependencies not in the table (docs/ARCHITECTURE.md)").isEmpty();
    }
}
