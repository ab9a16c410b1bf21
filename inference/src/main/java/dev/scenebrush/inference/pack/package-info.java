/**
 * Model packs: finding them, reading and checking pack.json and every file it names, and verifying
 * a pack against the PyTorch reference it was exported with (docs/design.md §5, docs/contracts.md).
 */
package dev.scenebrush.inference.pack;
