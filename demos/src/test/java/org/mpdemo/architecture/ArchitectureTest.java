package org.mpdemo.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runtime's boundaries, on the compiled classes of the runtime and of everything built on it (this module's
 * demos, CLI and classroom code). {@code module-info.java} draws the same line for the module path; these rules
 * hold it on the class path, where programs run.
 */
@AnalyzeClasses(packages = "org.mpdemo", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String RUNTIME = "org.mpdemo.multiprocessing..";
    private static final String INTERNAL = "org.mpdemo.multiprocessing.internal..";
    private static final String TRACE = "org.mpdemo.multiprocessing.trace..";

    /** The errors a process raises may be raised by the plumbing too: {@code ProcessError} and its kin. */
    private static final DescribedPredicate<JavaClass> ERROR_TYPES = new DescribedPredicate<>(
            "an error type (org.mpdemo.multiprocessing.errors)") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().equals("org.mpdemo.multiprocessing.errors");
        }
    };

    @ArchTest
    static final ArchRule nothingOutsideTheRuntimeUsesItsInternals = noClasses()
            .that().resideOutsideOfPackage(RUNTIME)
            .should().dependOnClassesThat().resideInAPackage(INTERNAL)
            .because("internal packages are the runtime's plumbing; programs use its API packages");

    /**
     * The plumbing is below the API: it may raise the API's errors and write the trace (a leaf that every layer
     * logs to), and knows nothing else of it.
     */
    @ArchTest
    static final ArchRule theInternalsDoNotDependOnTheApi = noClasses()
            .that().resideInAPackage(INTERNAL)
            .should().dependOnClassesThat(and(resideInAPackage(RUNTIME), not(resideInAnyPackage(INTERNAL, TRACE)),
                    not(ERROR_TYPES)));

    /** Between the runtime's packages; what is built on it may be laid out as it likes. */
    @ArchTest
    static final ArchRule noCyclesBetweenTheRuntimesPackages = slices().matching("org.mpdemo.(**)")
            .should().beFreeOfCycles()
            .ignoreDependency(not(resideInAPackage(RUNTIME)), DescribedPredicate.alwaysTrue());

    @ArchTest
    static final ArchRule theTraceIsALeaf = noClasses()
            .that().resideInAPackage(TRACE)
            .should().dependOnClassesThat(and(resideInAPackage("org.mpdemo.."), not(resideInAPackage(TRACE))))
            .because("every layer writes the trace, so it can use none of them");
}
