"""The HTTP server behind `heron serve`: uvicorn, with a deadline for slow clients.

uvicorn waits for a request head for as long as a client takes to send it, so a client that
sends a byte now and then (slowloris) holds a connection forever, and enough of them exhaust the
server's sockets. Here a client has :data:`REQUEST_TIMEOUT` seconds from connecting (or from its
previous response) to send its whole request: past that, a client still sending its head gets
408 and is disconnected, one that sent nothing is disconnected (as uvicorn's keep-alive timeout
would), and one still sending its body is disconnected. Requests that arrived
whole are never cut, however long the app takes. (A request head that grows past h11's 16 KiB
while still incomplete is answered 400 by uvicorn itself.)
"""
from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_TIMEOUT = 10.0  # seconds for a client to send a whole request

_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                     b"x-content-type-options: nosniff\r\ncontent-length: 16\r\nconnection: close\r\n\r\n"
                     b"request timeout\n")


class DeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on receiving each request (see the module)."""

    request_timeout = REQUEST_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request on this connection has its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(self.request_timeout, self._expire)

    def _expire(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE:  # no whole head yet: say why (if it began one), then hang up
            if self.conn.trailing_data[0]:
                self.transport.write(_TIMEOUT_RESPONSE)
            self.transport.close()
        elif state is h11.SEND_BODY:  # the app is already waiting for this body: it sees a disconnect
            self.transport.close()


def config(app: Any, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning") -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, http=DeadlineProtocol)


def run(app: Any, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning") -> None:
    uvicorn.Server(config(app, host, port, log_level)).run()
