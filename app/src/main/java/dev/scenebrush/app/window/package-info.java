/**
 * The window: menus and actions, file commands, recovery, and the document view that arranges
 * panels, canvas and the live preview for one painting. A new view is made for each painting shown,
 * and the window rebinds its actions to it.
 */
package dev.scenebrush.app.window;
