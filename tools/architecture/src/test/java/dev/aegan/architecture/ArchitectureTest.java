package dev.aegan.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The package arrows of the whole tree point one way. Each package is a slice of its own, so a
 * cycle between two sibling packages of one module fails as well as one across modules.
 */
class ArchitectureTest {

    @Test
    void everyPackageOfEverySourceTreeIsChecked() {
        Set<String> checked = ProductionClasses.all().stream().map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unchecked = new TreeSet<>(ProductionClasses.packagesInSources());
        unchecked.removeAll(checked);
        assertEquals(Set.of(), unchecked,
                "packages with sources that this module does not see: add their module as a dependency of tools/architecture");
    }

    @Test
    void noPackageCycle() {
        slices().matching(ProductionClasses.ROOT_PACKAGE + ".(**)").should().beFreeOfCycles()
                .check(ProductionClasses.all());
    }

    @TestFactory
    Stream<DynamicTest> noServiceImportsAnotherService() {
        return ProductionClasses.SERVICE_PACKAGES.stream().sorted().map(service -> DynamicTest.dynamicTest(service, () -> {
            String[] others = ProductionClasses.SERVICE_PACKAGES.stream().filter(other -> !other.equals(service))
                    .map(other -> other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(ProductionClasses.all());
        }));
    }

    @Test
    void noLibraryImportsAServiceOrATool() {
        String[] servicesAndTools = Stream.concat(ProductionClasses.SERVICE_PACKAGES.stream(),
                ProductionClasses.TOOL_PACKAGES.stream()).map(base -> base + "..").toArray(String[]::new);
        noClasses().that().resideOutsideOfPackages(servicesAndTools)
                .should().dependOnClassesThat().resideInAnyPackage(servicesAndTools)
                .check(ProductionClasses.all());
    }
}
