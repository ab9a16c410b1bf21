/**
 * The desktop app: start-up ({@link dev.scenebrush.app.Launcher}, {@link
 * dev.scenebrush.app.SceneBrushApp}) and what every window works with ({@link
 * dev.scenebrush.app.AppContext}: the pack, the inference runtime, the render service). The rooms
 * below hold one capability each: {@code document} the painting and its history, {@code canvas} the
 * label canvas and picture views, {@code tools} the painting tools, {@code panels} the side and
 * tool bars, {@code dialogs} the questions asked, {@code export} high-resolution exports, {@code
 * actions} commands as objects, {@code window} the window that puts them together.
 */
package dev.scenebrush.app;
