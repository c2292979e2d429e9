package io.clewdr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md, checked against the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clewdr");
    }

    @Test
    void protocol_sse_and_translate_do_no_io_and_know_no_credentials() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage("io.clewdr.protocol..", "io.clewdr.sse..", "io.clewdr.translate..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.net..",
                        "java.nio.file..",
                        "java.sql..",
                        "io.netty.channel..",
                        "io.netty.bootstrap..",
                        "io.clewdr.credential..",
                        "io.clewdr.upstream..",
                        "io.clewdr.provider..",
                        "io.clewdr.relay..",
                        "io.clewdr.server..",
                        "io.clewdr.store..",
                        "io.clewdr.admin..",
                        "io.clewdr.config..");
        rule.check(classes);
    }

    @Test
    void protocol_depends_on_nothing_else_of_ours() {
        noClasses()
                .that()
                .resideInAPackage("io.clewdr.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.clewdr.sse..",
                        "io.clewdr.translate..",
                        "io.clewdr.credential..",
                        "io.clewdr.server..",
                        "io.clewdr.relay..")
                .check(classes);
    }

    @Test
    void sse_depends_on_nothing_else_of_ours() {
        noClasses()
                .that()
                .resideInAPackage("io.clewdr.sse..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.clewdr.protocol..", "io.clewdr.translate..")
                .check(classes);
    }

    @Test
    void providers_do_not_know_each_other() {
        slices().matching("io.clewdr.provider.(*)..")
                .should()
                .notDependOnEachOther()
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void credential_does_not_reach_out_to_io_layers() {
        noClasses()
                .that()
                .resideInAPackage("io.clewdr.credential..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.clewdr.server..",
                        "io.clewdr.upstream..",
                        "io.clewdr.store..",
                        "io.clewdr.provider..",
                        "io.clewdr.relay..",
                        "io.clewdr.admin..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void config_depends_on_nothing_else_of_ours() {
        noClasses()
                .that()
                .resideInAPackage("io.clewdr.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.clewdr.server..",
                        "io.clewdr.credential..",
                        "io.clewdr.store..",
                        "io.clewdr.relay..",
                        "io.clewdr.provider..",
                        "io.clewdr.admin..",
                        "io.clewdr.upstream..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void only_the_composition_root_depends_on_admin() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.clewdr.admin..")
                .and()
                .doNotHaveSimpleName("Main")
                .and()
                .doNotHaveSimpleName("Clewdr")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.clewdr.admin..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void the_server_layer_depends_on_no_feature_package() {
        noClasses()
                .that()
                .resideInAPackage("io.clewdr.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.clewdr.relay..",
                        "io.clewdr.admin..",
                        "io.clewdr.credential..",
                        "io.clewdr.provider..",
                        "io.clewdr.store..",
                        "io.clewdr.upstream..")
                .check(classes);
    }

    @Test
    void packages_are_free_of_cycles() {
        slices().matching("io.clewdr.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void no_console_printing_or_raw_stack_traces() {
        noClasses()
                .that()
                .resideInAPackage("io.clewdr..")
                .and()
                .doNotHaveSimpleName("Main")
                .and()
                .doNotHaveSimpleName("Banner")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .orShould()
                .callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }

    @Test
    void domain_code_takes_time_from_an_injected_clock() {
        noClasses()
                .that()
                .resideInAnyPackage("io.clewdr.credential..", "io.clewdr.relay..", "io.clewdr.translate..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .allowEmptyShould(true)
                .check(classes);
    }
}
