/**
 * ONNX Runtime: the runtime with its execution provider (CUDA when it loads, else CPU), one session
 * per model, runs that can be cancelled, and the native libraries (docs/inference.md). Everything
 * native here is AutoCloseable.
 */
package dev.scenebrush.inference.onnx;
