"""``python -m stakemap`` runs the same entry point as the ``stakemap`` script."""

from stakemap.cli import main

raise SystemExit(main())
