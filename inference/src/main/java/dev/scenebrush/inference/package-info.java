/**
 * The inference library: everything SceneBrush does that is not UI, used alike by the app, the
 * command line and the tests. It never imports JavaFX. {@link
 * dev.scenebrush.inference.SceneBrushHome} finds the installation (palettes, models); {@link
 * dev.scenebrush.inference.SceneBrushVersion} is the build's version.
 */
package dev.scenebrush.inference;
