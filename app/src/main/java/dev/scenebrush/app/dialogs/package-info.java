/**
 * The questions the window asks ({@link dev.scenebrush.app.dialogs.Dialogs}) and their JavaFX
 * answers. Tests answer the same interface without real dialogs.
 */
package dev.scenebrush.app.dialogs;
