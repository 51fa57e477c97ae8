"""A preview served in the test's own process, and requests to it as its page sends them."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from typing import Any

from builder.preview.app import Preview
from builder.preview.guard import TOKEN_HEADER
from builder.preview.server import PreviewServer


@dataclass
class Running:
    """A preview served in this process on a free port."""

    preview: Preview
    server: PreviewServer
    port: int
    said: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def token(self) -> str:
        return self.preview.token

    @property
    def auth(self) -> str:
        return self.preview.auth

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request, as the preview's page sends it: with this run's token."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        data = body if isinstance(body, bytes | None) else json.dumps(body).encode()
        conn.request(method, path, body=data, headers={TOKEN_HEADER: self.token, **(headers or {})})
        response = conn.getresponse()
        result = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        conn.close()
        return result

    def json(self, method: str, path: str, body: Any = None) -> Any:
        status, _, data = self.request(method, path, body)
        assert status < 500, data
        return json.loads(data)
