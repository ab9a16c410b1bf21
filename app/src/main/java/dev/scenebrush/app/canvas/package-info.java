/**
 * What the painting looks like on screen: the label canvas (zoom, pan, pointer chain to the tools,
 * brush outline, overlays) and the picture view that can follow it. Views only; they read the
 * document and hand edits to the tools.
 */
package dev.scenebrush.app.canvas;
