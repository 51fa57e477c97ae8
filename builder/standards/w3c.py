"""W3C namespaces the manifests use."""

from __future__ import annotations

NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
