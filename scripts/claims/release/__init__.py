"""claims release: versioned, citable releases of the package (see build.py)."""
