/**
 * The render pipeline (docs/design.md §6): the base generator, the class pass, the retrieval
 * generator, the resolution ladder with the preview that refines only what an edit reaches, tiled
 * rendering, and high-resolution export. {@link dev.scenebrush.inference.render.RenderService} runs
 * renders on one background thread, the newest request winning.
 */
package dev.scenebrush.inference.render;
