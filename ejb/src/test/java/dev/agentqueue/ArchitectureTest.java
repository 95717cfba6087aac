package dev.agentqueue;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.agentqueue.contract.ExecutionContract;
import dev.agentqueue.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package layers pointing one way (no package cycles, the contract SPI at the bottom), the EJB singletons
 * started with the application, and the meters on the one registry that exists on every server.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.agentqueue");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.agentqueue.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theContractSpiUsesNothingElseOfAgentqueue() {
        noClasses()
                .that()
                .resideInAPackage("dev.agentqueue.contract")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.agentqueue..").and(not(resideInAPackage("dev.agentqueue.contract"))))
                .check(MAIN);
    }

    @Test
    void theSpiHoldsNoContractOfItsOwn() {
        noClasses()
                .that()
                .resideInAPackage("dev.agentqueue.contract..")
                .should()
                .implement(ExecutionContract.class)
                .check(MAIN);
    }

    @Test
    void everyInjectedMeterRegistryIsTheOneThatExistsOnEveryServer() {
        // Payara has no Micrometer registry bean: a plain @Inject MeterRegistry stops the EAR from deploying there.
        fields().that()
                .haveRawType(MeterRegistry.class)
                .and()
                .areAnnotatedWith(Inject.class)
                .should()
                .beAnnotatedWith(Meters.class)
                .check(MAIN);
    }

    /**
     * Payara shuts an application's singletons down by walking the list of those started so far, without a lock. A
     * singleton started lazily during that walk (by its timer's first tick, or from another singleton's
     * {@code @PreDestroy}) joins the list under the walk, which then fails with a ConcurrentModificationException and
     * leaves the application half undeployed: its remote EJB's JNDI name stays bound, and every later deploy fails.
     */
    @Test
    void everyEjbSingletonStartsWithTheApplication() {
        classes()
                .that()
                .areAnnotatedWith(Singleton.class)
                .should()
                .beAnnotatedWith(Startup.class)
                .check(MAIN);
    }
}
