"""Working an account as a team: teammates' copies of a map merged through git.

stakemap never runs a server: a team keeps its map files in a git repository
and stakemap is git's merge driver (``merge``: three-way, record by record,
with what it cannot settle kept inside the map as ``records.Conflict``) and
diff driver (``git``: ``.gitattributes`` and the config that name them).
``conflicts`` lists and settles what a merge left. Nothing here imports
Textual: the CLI and the app are thin layers over these functions.
"""
