"""Command line: python3 -m scenebrush_training <command> ... (run from models/training)."""

from __future__ import annotations

import os
import sys

from scenebrush_training.cli.commands import COMMANDS
from scenebrush_training.cli.parser import build_parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except (ValueError, FileNotFoundError, KeyError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "bench-dataset":
        # One core means one BLAS thread too; set before numpy loads.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = "1"
    sys.exit(main())
