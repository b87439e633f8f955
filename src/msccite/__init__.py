"""msccite: read, convert and normalize bibliographic citations.

>>> import msccite
>>> records = msccite.loads("TY  - JOUR\\nTI  - A phase I study\\nAU  - Vivarelli, M.\\nPY  - 2023\\nER  - \\n")
>>> records[0].title
'A phase I study'
>>> print(msccite.dumps(records, "ris"), end="")
TY  - JOUR
TI  - A phase I study
AU  - Vivarelli, M.
PY  - 2023
ER  -
"""

from typing import Any

from .api import Records, detect, dump, dumps, formats, iter_records, loads, normalize, read, write
from .errors import MscciteError, MscciteWarning, ParseError, UnknownFormatError, WriteError
from .model import Date, Extra, Name, Record, Source

__version__ = "0.1.0"

__all__ = [
    "read",
    "loads",
    "iter_records",
    "dumps",
    "dump",
    "write",
    "detect",
    "formats",
    "normalize",
    "convert_many",
    "format",
    "Records",
    "Record",
    "Name",
    "Date",
    "Extra",
    "Source",
    "MscciteError",
    "ParseError",
    "UnknownFormatError",
    "WriteError",
    "MscciteWarning",
    "__version__",
]


def convert_many(*args: Any, **kwargs: Any) -> Any:
    """Convert many files on several processes or any executor: :func:`msccite.parallel.convert_many`."""
    from .parallel import convert_many as run

    return run(*args, **kwargs)


def format(records: Any, style: Any = "vancouver", to: str = "text", **options: Any) -> Any:  # noqa: A001
    """The records as a formatted reference list in a CSL style (``vancouver``, ``apa``, ``ama`` ... or a .csl
    file): :func:`msccite.styles.format`. Needs pandoc: ``pip install 'msccite[format]'``."""
    from .styles import format as run

    return run(records, style, to, **options)
