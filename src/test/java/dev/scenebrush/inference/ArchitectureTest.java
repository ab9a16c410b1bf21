package dev.scenebrush.inference;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.scenebrush");

  @Test
  void inferenceAndCommandLineNeverTouchJavaFx() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.scenebrush.inference..", "dev.scenebrush.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..")
        .check(classes);
  }

  @Test
  void inferenceDoesNotDependOnTheApp() {
    noClasses()
        .that()
        .resideInAPackage("dev.scenebrush.inference..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.scenebrush.app..", "dev.scenebrush.cli..")
        .check(classes);
  }
}
