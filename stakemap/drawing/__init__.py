"""The map drawn on a character grid: one layout and one router for every picture.

The app's network view paints what this package computes, and nothing here
knows about Textual: ``layout.layout_grid`` places each person as a box
(departments as framed columns, managers above reports), ``routing`` runs the
links orthogonally through the streets and avenues between the boxes, and
``canvas.rasterize`` turns both into cells that each say what they are (a
label, a frame, a line of some kind), so a test can check that no line is
ever drawn over a name.
"""
