"""The data set: the procedural landscape renderer, label palettes, PNG files, artist-style maps, shape warp."""
