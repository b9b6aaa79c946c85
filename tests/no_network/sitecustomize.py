"""Loaded by every Python process of an offline test build: any outbound connection is an error.

Unix-domain sockets (used between a notebook kernel and its client) stay allowed; anything that
would reach another host raises, so a build step that needs the network fails loudly.
"""

import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _guard(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"network access attempted during an offline build: {address!r}")


def connect(self, address):
    _guard(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _guard(self, address)
    return _connect_ex(self, address)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if host not in (None, "127.0.0.1", "::1", "localhost", ""):
        raise OSError(f"name lookup attempted during an offline build: {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = getaddrinfo
