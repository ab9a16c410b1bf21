package dev.scenebrush.inference;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  /** Imported once: reading the classes is most of this test's time. */
  private static final JavaClasses classes =
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

  /** The app's and the inference library's packages depend on each other one way only. */
  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.scenebrush.app.(*)..").should().beFreeOfCycles().check(classes);
    slices().matching("dev.scenebrush.inference.(*)..").should().beFreeOfCycles().check(classes);
  }

  /** The window is the top: no other room of the app reaches up into it. */
  @Test
  void onlyTheStartUpUsesTheWindow() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.scenebrush.app.document..",
            "dev.scenebrush.app.canvas..",
            "dev.scenebrush.app.tools..",
            "dev.scenebrush.app.panels..",
            "dev.scenebrush.app.dialogs..",
            "dev.scenebrush.app.export..",
            "dev.scenebrush.app.actions..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.scenebrush.app.window..")
        .check(classes);
  }
}
