/**
 * The canvas tools, one class per tool behind {@link dev.scenebrush.app.tools.CanvasTool}. A tool
 * sees only its own primary-button gestures in canvas pixels: the canvas pans (middle or right
 * button, Space, the pan tool) and handles Alt+click before any tool is asked. Tools change the
 * painting only through {@link dev.scenebrush.app.document.Document}, so every edit is one undo
 * step.
 */
package dev.scenebrush.app.tools;
