"""Domain layer: input models, regulation data and computations.

Nothing in this package imports Flask, SQLAlchemy or docxtpl; the render, convert,
storage and web layers are built on top of it.
"""
