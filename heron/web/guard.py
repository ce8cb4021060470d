"""What every response of `heron serve` carries, and which requests it refuses before the app sees them.

- Security headers: a Content-Security-Policy that allows scripts, styles and requests from this
  server only and no inline script or style (the pages load their code from /static), nothing may
  frame a page (clickjacking), no content-type sniffing, no referrer sent elsewhere.
- The Host header must name this machine's loopback address when the server listens there (the
  default): a web page elsewhere cannot then reach the API through a DNS name rebound to 127.0.0.1.

A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware, which would buffer the
streamed CSV download.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",  # frame-ancestors for browsers that predate it
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


def host_name(value: str) -> str:
    """The host of a Host header, without its port: ``127.0.0.1:8000`` -> ``127.0.0.1``, ``[::1]:80`` -> ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """Adds :data:`HEADERS` to every response; with ``allowed_hosts``, answers 400 to any other Host."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts is not None else None
        self.raw = [(k.encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.raw]
            await send(message)

        if self.allowed is not None:
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(host) not in self.allowed:
                await send_with_headers({"type": "http.response.start", "status": 400,
                                         "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"unknown Host header\n"})
                return
        await self.app(scope, receive, send_with_headers)
