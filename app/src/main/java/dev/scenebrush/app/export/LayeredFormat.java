package dev.scenebrush.app.export;

/** The layered file an export can write beside the picture. */
public enum LayeredFormat {
  ORA(".ora", "OpenRaster (.ora) for GIMP and Krita"),
  PSD(".psd", "Photoshop (.psd) for Photoshop, GIMP, Krita and Affinity");

  private final String extension;
  private final String label;

  LayeredFormat(String extension, String label) {
    this.extension = extension;
    this.label = label;
  }

  public String extension() {
    return extension;
  }

  @Override
  public String toString() {
    return label;
  }
}
