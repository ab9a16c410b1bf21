/**
 * Pictures a pack ships for the app's galleries (docs/contracts.md, "materials" and "looks"): the
 * palette's material tiles cut from real renders, and style presets encoded from real renders of
 * each look.
 */
package dev.scenebrush.inference.gallery;
