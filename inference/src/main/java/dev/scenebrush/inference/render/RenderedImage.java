package dev.scenebrush.inference.render;

/** A rendered RGB image as packed 0xFFRRGGBB pixels, plus how it was made. */
public record RenderedImage(int width, int height, int[] argb, long millis, String provider) {}
