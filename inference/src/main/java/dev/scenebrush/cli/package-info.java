/**
 * The scenebrush command line (picocli): render, export, packs, re-target, the self-test and the
 * benchmarks that print the figures the README quotes.
 */
package dev.scenebrush.cli;
