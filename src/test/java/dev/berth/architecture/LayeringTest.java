package dev.berth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.berth.registry.RegistryClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the layers of house-style.md: values at the bottom, JavaFX only at the top. */
class LayeringTest {

    private static JavaClasses berth;

    @BeforeAll
    static void importClasses() {
        berth = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.berth");
    }

    @Test
    void domainUsesNothingButTheJdk() {
        classes().that().resideInAPackage("dev.berth.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.berth.domain..", "java..")
                .check(berth);
    }

    @Test
    void formatsKnowOnlyTheDomainAndJackson() {
        classes().that().resideInAPackage("dev.berth.format..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.berth.domain..", "dev.berth.format..", "java..",
                        "com.fasterxml.jackson..")
                .check(berth);
    }

    @Test
    void viewModelsAreWiredByTheirConstructorsNotBySettersAfterwards() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().that().areDeclaredInClassesThat().haveSimpleNameEndingWith("ViewModel")
                .or().areDeclaredInClassesThat().haveSimpleNameEndingWith("DialogService")
                .should().haveNameMatching("set(On[A-Z].*|Tester)").andShould().bePublic()
                .because("services and callbacks are injected (setOnProbed, setOnApplied, setTester were wired after construction)")
                .check(berth);
    }

    @Test
    void productionCodeNamesRepositoriesAndTagsWithTypesNotText() {
        DescribedPredicate<JavaMethodCall> textNamedClientCall = new DescribedPredicate<>(
                "a RegistryClient method that takes a repository or tag as text (kept for tests only)") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isEquivalentTo(RegistryClient.class)
                        && call.getTarget().resolveMember().map(m -> m.isAnnotatedWith(Deprecated.class)).orElse(false);
            }
        };
        noClasses().should().callMethodWhere(textNamedClientCall)
                .because("the client takes RepositoryName, Tag and Digest so no caller glues or forgets to check names "
                        + "(Berth issue 9); text from elsewhere goes through RequestNames")
                .check(berth);
    }

    @Test
    void nothingBelowTheUiImportsJavafx() {
        noClasses().that().resideOutsideOfPackage("dev.berth.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..", "org.kordamp..")
                .check(berth);
    }

    @Test
    void theUiCommonPartsKnowNoFeature() {
        noClasses().that().resideInAPackage("dev.berth.ui.common..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.ui.app..", "dev.berth.ui.browser..",
                        "dev.berth.ui.cleanup..", "dev.berth.ui.connections..", "dev.berth.ui.details..", "dev.berth.ui.jobs..")
                .because("every feature builds on ui.common; the app package is where features meet (FxDialogService lives there)")
                .check(berth);
    }

    @Test
    void storesAndServicesWithoutJavafxLiveBelowTheUi() {
        noClasses().that().resideInAPackage("dev.berth.ui..")
                .should().haveSimpleNameEndingWith("Store")
                .because("keeping things is no UI concern (PolicyStore was in ui.cleanup; it is in dev.berth.cleanup)")
                .check(berth);
        noClasses().that().resideInAPackage("dev.berth.ui..").and().haveSimpleNameEndingWith("Service")
                .should().haveNameNotMatching(".*DialogService")
                .because("a service the UI calls is blocking core code below it (ConnectionService was in ui.connections; it is in "
                        + "dev.berth.connection); only the dialogs, which are JavaFX, are a UI service")
                .check(berth);
    }

    @Test
    void theRegistryClientDependsOnNoHigherLayer() {
        noClasses().that().resideInAPackage("dev.berth.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.connection..", "dev.berth.inspect..",
                        "dev.berth.cli..", "dev.berth.ui..")
                .check(berth);
    }

    @Test
    void imageStoresStandOnTheRegistryClientAndTheFormatsOnly() {
        noClasses().that().resideInAPackage("dev.berth.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.ui..", "dev.berth.cli..", "dev.berth.connection..",
                        "dev.berth.cleanup..", "dev.berth.browse..", "dev.berth.inspect..")
                .check(berth);
    }

    @Test
    void theTransferEngineStandsOnTheStoresOnly() {
        noClasses().that().resideInAPackage("dev.berth.transfer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.ui..", "dev.berth.cli..", "dev.berth.connection..",
                        "dev.berth.cleanup..", "dev.berth.browse..", "dev.berth.inspect..")
                .check(berth);
        noClasses().that().resideInAPackage("dev.berth.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.berth.transfer..")
                .check(berth);
    }

    @Test
    void workPrimitivesDependOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.berth.work..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.berth.work..", "java..")
                .check(berth);
    }

    @Test
    void workReportsProgressThroughOneModelNotAListenerPerFeature() {
        noClasses().that().resideInAPackage("dev.berth..")
                .should().haveSimpleNameEndingWith("Listener")
                .because("long work reports typed events through dev.berth.work.Progress (its javadoc says how); six listener "
                        + "interfaces did that before, each in its own way")
                .check(berth);
    }

    @Test
    void theManifestWalkKnowsOnlyTheDomain() {
        classes().that().resideInAPackage("dev.berth.graph..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.berth.graph..", "dev.berth.domain..", "java..")
                .check(berth);
    }

    @Test
    void browsingAndCleanupStandBelowTheCliAndUi() {
        noClasses().that().resideInAnyPackage("dev.berth.browse..", "dev.berth.cleanup..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.ui..", "dev.berth.cli..", "dev.berth.store..",
                        "dev.berth.transfer..")
                .check(berth);
    }

    @Test
    void coreLayersDoNotReachIntoTheCliOrUi() {
        noClasses().that().resideInAnyPackage("dev.berth.connection..", "dev.berth.inspect..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.cli..", "dev.berth.ui..")
                .check(berth);
        noClasses().that().resideInAPackage("dev.berth.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.berth.ui..")
                .check(berth);
    }

    @Test
    void theLocalEngineStandsOnTheStoresAndKnowsNoCliOrUi() {
        noClasses().that().resideInAPackage("dev.berth.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.ui..", "dev.berth.cli..", "dev.berth.connection..",
                        "dev.berth.cleanup..", "dev.berth.browse..", "dev.berth.transfer..", "dev.berth.registry..")
                .check(berth);
    }

    @Test
    void onlyTheEnginePackageTalksToDockerJava() {
        noClasses().that().resideOutsideOfPackage("dev.berth.engine..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .check(berth);
    }

    @Test
    void jobsServeTheAppAndTheCliWithoutKnowingEither() {
        noClasses().that().resideInAPackage("dev.berth.jobs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.berth.cli..", "dev.berth.ui..", "dev.berth.connection..")
                .check(berth);
    }

    @Test
    void onlyThePlatformKnowsTheLoggingBackEnd() {
        noClasses().that().resideOutsideOfPackage("dev.berth.platform..")
                .should().dependOnClassesThat().resideInAPackage("ch.qos.logback..")
                .check(berth);
    }
}
