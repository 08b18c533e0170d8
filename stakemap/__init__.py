"""stakemap: a terminal stakeholder mapper for B2B sales reps.

The package is layered so the headless core never imports Textual:

- ``vocab``, ``records``, ``model``: the map and its rules.
- ``store``: TinyDB map files, written atomically.
- ``cli``: the headless command line over the core.
"""

__version__ = "0.1.0"
