"""Networks, one module per family, under the tensor contract of docs/design.md §5."""
