package dev.scenebrush.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scenebrush.inference.document.InstanceMap;
import dev.scenebrush.inference.document.LabelMap;
import dev.scenebrush.inference.tensor.Resampler;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Label and instance maps taken down together (the base render, previews of large paintings). */
class ShrinkMapsTest {
  private static final int GRASS = 9;
  private static final int TREE = 14;

  @Test
  void aCellOfTwoTreesKeepsOneOfTheirIdsNotTheGrassOne() {
    // One 4x4 cell: five pixels of tree 5, five of tree 6, six of grass. Trees win the class
    // (10 of 16); the id must be a tree's, though no single id has more pixels than the grass.
    LabelMap labels = new LabelMap(4, 4);
    InstanceMap ids = new InstanceMap(4, 4);
    for (int p = 0; p < 16; p++) {
      boolean tree = p < 10;
      labels.raw()[p] = (byte) (tree ? TREE : GRASS);
      ids.raw()[p] = (short) (tree ? (p < 5 ? 5 : 6) : 0);
    }
    Resampler.Maps small = Resampler.maps(labels, ids, 1, 1);
    assertEquals(TREE, small.labels().get(0, 0));
    assertEquals(5, small.instances().get(0, 0), "a tree cell took the grass's id 0");
  }

  @Test
  void everyShrunkCellPairsItsClassWithAnIdOfThatClass() {
    int n = 96;
    Random rnd = new Random(3);
    LabelMap labels = new LabelMap(n, n);
    InstanceMap ids = new InstanceMap(n, n);
    labels.fill(GRASS);
    // Overlapping square trees and bushes, each its own object.
    for (int id = 1; id <= 60; id++) {
      int cls = id % 3 == 0 ? 15 : TREE;
      int s = 2 + rnd.nextInt(9);
      int x0 = rnd.nextInt(n - s);
      int y0 = rnd.nextInt(n - s);
      for (int y = y0; y < y0 + s; y++) {
        for (int x = x0; x < x0 + s; x++) {
          labels.set(x, y, cls);
          ids.set(x, y, id);
        }
      }
    }
    Set<Integer> pairs = new HashSet<>();
    for (int i = 0; i < n * n; i++) {
      pairs.add(labels.raw()[i] * 65536 + ids.raw()[i]);
    }
    for (int side : new int[] {48, 32, 23, 7}) {
      Resampler.Maps small = Resampler.maps(labels, ids, side, side);
      assertTrue(
          java.util.Arrays.equals(
              Resampler.labels(labels, side, side).raw(), small.labels().raw()));
      for (int i = 0; i < side * side; i++) {
        int pair = small.labels().raw()[i] * 65536 + small.instances().raw()[i];
        assertTrue(
            pairs.contains(pair),
            "at "
                + side
                + "²: cell "
                + i
                + " pairs class "
                + small.labels().raw()[i]
                + " with id "
                + small.instances().raw()[i]);
      }
    }
  }
}
