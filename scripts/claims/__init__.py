"""Toolkit for the claims-and-provenance data package: validate, build, query.

    import claims
    package = claims.open("path/to/package")
    report = package.validate()

The API is documented in docs/api.md. Importing claims is cheap: each module is imported
when first used.
"""

__version__ = "0.1.0"

__all__ = ["ClaimsError", "ClaimsPackage", "DataError", "UsageError", "open"]


def open(root=".", *, search_parents=False):  # noqa: A001 - claims.open, as the docs say
    """The package whose datapackage.json is in root (claims.api.open)."""
    from .api import open as open_package

    return open_package(root, search_parents=search_parents)


def __getattr__(name):
    if name == "ClaimsPackage":
        from .api import ClaimsPackage

        return ClaimsPackage
    if name in ("ClaimsError", "DataError", "UsageError"):
        from . import problems

        return getattr(problems, name)
    raise AttributeError(f"module 'claims' has no attribute {name!r}")
