# The one place of the package's version: the build backend (_build/backend.py) reads it from here.
__version__ = "0.2.0"
