/**
 * The open painting as the app sees it: the scene, its style (seed, global and kept styles, style
 * brush regions) and one undo history over both, with the save point that says whether it is saved.
 * Everything that changes a painting goes through {@link dev.scenebrush.app.document.Document}, so
 * every edit is a step that undoes.
 */
package dev.scenebrush.app.document;
