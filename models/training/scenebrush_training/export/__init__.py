"""Packs: ONNX export, references, attached parts (tiling, retrieval, class, ladder, gallery)."""
