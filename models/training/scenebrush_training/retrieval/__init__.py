"""Segment libraries and retrieval guidance (RESAIL)."""
