/**
 * The bars and side tabs around the canvas: tools and brush size, palette, objects, style, status.
 * Each panel edits the document through its methods and reports through callbacks, never by
 * reaching into the window.
 */
package dev.scenebrush.app.panels;
