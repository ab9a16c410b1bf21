/**
 * Project files (.sbrush): reading and writing them atomically and safely, and the recovery store
 * for unsaved work (docs/design.md §2, docs/contracts.md).
 */
package dev.scenebrush.inference.project;
