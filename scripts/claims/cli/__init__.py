"""The claims command line, one module per command group (core, query, contrib, vocab, changes,
site, release, review), each with register(app); app.py builds the app from them."""

from .app import app, run

__all__ = ["app", "run"]
