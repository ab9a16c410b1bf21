package dev.scenebrush.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LauncherTest {
  @Test
  void subcommandsAndSelfTestGoToTheCommandLineEverythingElseStartsTheApp() {
    assertArrayEquals(
        new String[] {"self-test", "--cpu"},
        Launcher.commandLine(new String[] {"--self-test", "--cpu"}));
    assertArrayEquals(
        new String[] {"render", "a.png", "-o", "b.png"},
        Launcher.commandLine(new String[] {"render", "a.png", "-o", "b.png"}));
    assertArrayEquals(new String[] {"--help"}, Launcher.commandLine(new String[] {"--help"}));
    assertNull(Launcher.commandLine(new String[] {}));
    assertNull(Launcher.commandLine(new String[] {"/home/me/valley.sbrush"}));
    assertNull(Launcher.commandLine(new String[] {"--pack=landscape"}));
  }
}
