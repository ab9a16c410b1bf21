/**
 * High-resolution exports from the app: the settings asked for and remembered between launches, the
 * background job with progress and cancel, and the window-side flow that starts it.
 */
package dev.scenebrush.app.export;
