"""The map's past: the rep's log of touches, deal reviews, and what changed.

Headless like the rest of the core. ``compare`` is the record-level
comparison (matched by id, field by field) that ``diff``, reviews and the team
merge all use, so a change is recognised one way everywhere.
"""
