"""The CSL-JSON writer's own JSON indentation, against json.dumps."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=10), _JSON, max_size=6))
def test_the_fast_indented_json_is_json_dumps_byte_for_byte(item):
    """The writer's own indentation (the C string quoting, no pure-Python encoder) against json.dumps itself."""
    from msccite.formats.csl_json.write import _indented

    assert _indented(item, "  ") == json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
