"""`python -m bench.generate N [options]` from the project root, on the configured database."""

import os
import sys
from pathlib import Path


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthnews.settings")
    import django

    django.setup()
    from .cli import run

    run(sys.argv[1:])


if __name__ == "__main__":
    main()
