/**
 * Palettes: the label sets (class names, colours, stuff or thing, groups) read from
 * palettes/&lt;id&gt;.json and checked before use (docs/design.md §4, docs/contracts.md).
 */
package dev.scenebrush.inference.palette;
