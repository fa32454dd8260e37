"""`python -m bench.generate N [options]` from the project root, on the configured database."""

import os
import sys
from pathlib import Path

import django

from .cli import parser, run


def main():
    parser().parse_args()  # --help and bad arguments answered before the settings are read
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthnews.settings")
    django.setup()
    run(sys.argv[1:])


if __name__ == "__main__":
    main()
