package dev.scenebrush.inference.render;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;

/** An immutable snapshot of what to render: the caller passes copies it will not change. */
public record RenderRequest(
    LabelMap labels, InstanceMap instances, long seed, int width, int height) {}
