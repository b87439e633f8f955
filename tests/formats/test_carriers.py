"""Extras whose key holds a space (a catalogue's "Physical Description") travel through every writable format."""

from __future__ import annotations

import pytest

import msccite
from msccite import Extra, Name, Record
from msccite.formats.carriers import CARRIER

WRITABLE = [f.name for f in msccite.formats() if f.can_write and not f.binary]  # XLSX: tests/formats/tables


@pytest.mark.parametrize("fmt", WRITABLE)
def test_an_extra_with_a_space_in_its_key_comes_back(fmt):
    rec = Record("book", "k", title="A book", author=[Name("Doe", "Jane")],
                 extra=[Extra("vufind", "Physical Description", "250 p. : il. ; 24 cm")])  # fmt: skip
    back = msccite.loads(msccite.dumps([rec], fmt, lossless=True), fmt)[0]
    assert back.extra == rec.extra


@pytest.mark.parametrize(("text", "key"), [("[vufind:Physical Description] 250 p.", "Physical Description"),
                                           ("[ris:C5] 1", "C5"), ("[a: b] x", None), ("[a:b ] x", None),
                                           ("[a:b\nc] x", None)])  # fmt: skip
def test_a_carrier_key_has_inner_spaces_only(text, key):
    m = CARRIER.fullmatch(text)
    assert (m.group(2) if m else None) == key
