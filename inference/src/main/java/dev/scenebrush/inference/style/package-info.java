/**
 * Styles: which z each pixel gets (global, regional, per object), the style encoder that turns a
 * picture into a z, and the style state a project saves (docs/design.md §6, Style).
 */
package dev.scenebrush.inference.style;
