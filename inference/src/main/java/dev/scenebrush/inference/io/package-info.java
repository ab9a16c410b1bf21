/**
 * Files from outside: label PNGs (colour or index, with snapping of near colours), image headers
 * read before any decoding so oversized images are refused early, OpenRaster export, and temporary
 * files that saves write through.
 */
package dev.scenebrush.inference.io;
