"""The fast path of claims validate: the same layers and rules, checked set-based in DuckDB.

The Python path (package.py, schemas.py, checks.py) reads every record into Python and runs
python-jsonschema on it: exact, and the reference, but about a minute and a half per million
claims. This path gets the same problem list from a few passes in DuckDB:

* csvscan.py: the CSV layer (encoding, BOM, line endings, quoting, width) from one RE2 match
  of the whole file, with csvio itself consulted only where a file breaks;
* compile.py: the JSON Schemas compiled to SQL, keyword by keyword and conditional by
  conditional, so the record rules are stated once, in schemas/;
* named.py: each named check of rules.py as SQL under the same rule id (the seed file checks,
  a few files, reuse checks.py);
* engine.py: one streaming pass per table that types, checks and keeps only the columns later
  checks need, then the checks across rows (keys, chains, bounds);
* locate.py: only for rows with problems, their real lines and columns and their messages,
  worded as the Python path words them.
"""

from .engine import validate_fast

__all__ = ["validate_fast"]
