"""Root pytest configuration: keep doctest collection off entry-point modules."""

collect_ignore = ["stakemap/__main__.py"]
