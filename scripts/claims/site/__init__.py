"""claims site: the package as a static site of competing claims.

No server, no CDN, nothing fetched at view time: every link is relative, so the site works
from file:// and from any web server. The search index is a .js file (a browser blocks fetch()
from file://), and every page stays usable without JavaScript (the index pages list everything).
"""

from __future__ import annotations

from .build import build_site  # noqa: F401
