"""Web of Science "Export → Tab delimited file" (``savedrecs.txt``): the tagged format's tags as columns.

A row is read as the tagged format's record (``formats/wos``), each tag's cell its value, ``; `` between
the values of a multi-valued tag: one mapping for both exports (``COLUMNS`` is empty: ``build_wos`` does it).
"""

NAME = "wos"
SIGNATURE = ("PT", "AU", "TI", "SO")
COLUMNS: dict[str, str] = {}
