/**
 * The document model: label and instance maps, objects, the painter that draws shapes into maps,
 * the one edit history with its tile records, object moves, and re-targeting a map to another
 * palette (docs/design.md §2). Nothing here knows about rendering.
 */
package dev.scenebrush.inference.document;
