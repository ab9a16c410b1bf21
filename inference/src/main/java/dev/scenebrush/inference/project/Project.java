package dev.scenebrush.inference.project;

import dev.scenebrush.inference.document.Scene;
import dev.scenebrush.inference.style.StyleState;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a .sbrush file holds: the scene (labels, instances), the pack it was painted for, the
 * global style seed, view settings, and the last rendered image if any.
 */
public record Project(
    Scene scene,
    String packId,
    StyleState style,
    Map<String, String> view,
    Optional<int[]> lastRender,
    int lastRenderWidth,
    int lastRenderHeight) {}
