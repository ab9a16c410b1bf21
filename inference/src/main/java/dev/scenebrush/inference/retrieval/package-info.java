/**
 * Retrieval-guided rendering (RESAIL): the segment library, splitting a painting into segments,
 * shape matching, and the guidance picture the retrieval generator is steered by
 * (docs/segments.md).
 */
package dev.scenebrush.inference.retrieval;
