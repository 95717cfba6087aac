package dev.agentqueue;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.agentqueue.contract.ExecutionContract;
import org.junit.jupiter.api.Test;

/** Keeps the package layers pointing one way: no package cycles, and the contract SPI at the bottom. */
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
}
