package dev.va.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rules of docs/ARCHITECTURE.md, checked on the main classes of every module. */
@AnalyzeClasses(packages = "dev.va", importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
  private static final String[] FRAMEWORKS = {
    "io.javalin..", "org.apache.ibatis..", "io.lettuce..", "com.google.inject..", "jakarta.inject..", "com.openai..",
    "jakarta.mail..", "com.google.api..", "com.fasterxml.jackson..", "org.slf4j.."
  };
  private static final String PORT_NAME =
      ".*\\.[A-Za-z0-9]*(Repository|Provider|Queue|Storage|Cipher|Hasher|Classifier|Indicator|UseCase)";

  /** The test-jar of va-application (contracts and fakes) is on this classpath too; it is test code. */
  static final class NoTestJars implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
      return !location.matches(TEST_JAR);
    }
  }

  @ArchTest
  static final ArchRule domain_depends_on_nothing_but_jdk = classes()
      .that().resideInAPackage("dev.va.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.va.domain..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule application_depends_on_nothing_but_jdk_and_domain = classes()
      .that().resideInAPackage("dev.va.application..")
      // javax.crypto is the JDK's own (HMAC of the OAuth state); RE2J gives user regexes linear-time matching
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "javax.crypto..", "com.google.re2j..", "dev.va.domain..", "dev.va.application..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule domain_and_application_import_no_framework = noClasses()
      .that().resideInAnyPackage("dev.va.domain..", "dev.va.application..")
      .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule adapters_do_not_import_each_other = slices()
      .matching("dev.va.adapter.(*)..")
      .should().notDependOnEachOther()
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule adapters_and_application_do_not_depend_on_bootstrap = noClasses()
      .that().resideInAnyPackage("dev.va.adapter..", "dev.va.application..", "dev.va.domain..")
      .should().dependOnClassesThat().resideInAPackage("dev.va.bootstrap..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule ports_are_interfaces = classes()
      .that().resideInAPackage("..port..").and().areTopLevelClasses().and().haveNameMatching(PORT_NAME)
      .should().beInterfaces()
      .allowEmptyShould(false);

  /** Beside the ports themselves, a port package holds only their value types and exceptions. */
  @ArchTest
  static final ArchRule port_packages_hold_ports_values_and_exceptions = classes()
      .that().resideInAPackage("..port..").and().areTopLevelClasses()
      .should().beInterfaces().orShould().beRecords().orShould().beEnums().orShould().beAssignableTo(Exception.class)
      .allowEmptyShould(false);

  /** Guards against rules that pass because their package moved or was misspelled. */
  @Test
  void every_rule_sees_classes() {
    JavaClasses all = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .withImportOption(new NoTestJars())
        .importPackages("dev.va");
    for (String pkg : new String[] {"dev.va.domain", "dev.va.application", "dev.va.application.port.in",
        "dev.va.application.port.out", "dev.va.adapter.web", "dev.va.bootstrap"}) {
      assertThat(all.stream().filter(c -> c.getPackageName().startsWith(pkg))).as(pkg).isNotEmpty();
    }
    assertThat(all.stream().filter(c -> c.getName().matches(PORT_NAME))).hasSizeGreaterThan(10);
    assertThat(all.stream().filter(c -> c.getName().startsWith("dev.va.application.fake"))).as("test code excluded").isEmpty();
  }
}
