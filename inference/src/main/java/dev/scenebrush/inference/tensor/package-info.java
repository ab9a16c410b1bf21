/**
 * The tensor contract on the Java side (docs/design.md §5): input tensors from maps, resampling of
 * label and instance maps, picture and tensor conversions, seeds to z.
 */
package dev.scenebrush.inference.tensor;
