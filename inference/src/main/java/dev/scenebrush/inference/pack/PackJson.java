package dev.scenebrush.inference.pack;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * pack.json as Gson reads it: every field optional here, so {@link PackLoader} can name what is
 * missing or wrong instead of Gson failing on the first surprise.
 */
final class PackJson {
  private PackJson() {}

  static final class Manifest {
    String id;
    String name;
    String palette;
    int[] resolution;
    Integer multipleOf;
    Integer zDim;
    FileRef generator;
    FileRef encoder;
    List<ClassGenJson> classGenerators;
    RetrievalJson retrieval;
    Integer receptiveField;
    TilingJson tiling;
    JsonObject training;
    LicenseJson license;
    List<RefinerJson> refiners;
    MaterialsJson materials;
    List<LookJson> looks;
  }

  static final class MaterialsJson {
    String atlas;
    Integer tile;
    List<String> classes;
  }

  static final class LookJson {
    String name;
    List<String> images;
  }

  static final class RefinerJson {
    Integer scale;
    String file;
    String reference;
    Integer labelChannels;
    Integer receptiveField;
  }

  static final class LicenseJson {
    String name;
    String url;
    Boolean commercialUse;
    String source;
    String note;
  }

  static final class FileRef {
    String file;
  }

  static final class TilingJson {
    FileRef trunk;
    FileRef finish;
    Integer scale;
    Integer featureChannels;
    Integer finishReach;
  }

  static final class ClassGenJson {
    // "class" is a Java keyword: read it under another name.
    @SerializedName("class")
    String className;

    String file;
    int[] resolution;
    String context;
    String defaultMode;
  }

  static final class RetrievalJson {
    String generator;
    String library;
  }
}
