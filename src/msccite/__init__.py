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
