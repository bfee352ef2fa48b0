"""The client address every per-IP limit counts against.

The address is the socket peer (REMOTE_ADDR). Only when the service runs
behind TRUSTED_PROXY_COUNT reverse proxies is an ``X-Forwarded-For`` entry
used: the Nth from the right, the one written by the outermost proxy we
trust. Entries left of it are whatever the client sent, so forging them
changes nothing. Plain Django, no DRF: the key authentication imports it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address the rate limit is counted against (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < trusted:
        # The request did not pass through every proxy we trust: only the socket is known.
        return remote
    candidate = entries[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def rate_limit_subject(address: str) -> str:
    """What one limit is counted against: the IPv4 address, or the IPv6 /64 it sits in.

    One IPv6 host is usually handed a whole /64, so counting single IPv6
    addresses would let a client rotate through 2**64 fresh limits.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))
