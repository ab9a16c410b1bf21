"""Scores, sheets and benchmarks: the evaluation segmenter, metrics, held-out evaluation."""
