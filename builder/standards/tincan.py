"""Tin Can packaging: the tincan.xml namespace."""

from __future__ import annotations

NS_TINCAN = "http://projecttincan.com/tincan.xsd"
