"""The site's address (MkDocs' `site_url`), read once, the way a browser's URL parser reads it.

Every output that prints the address takes this spelling of it: MkDocs' own
canonical links and sitemap, the redirect pages, the trainers' page, the
handout, the embed snippet and the SCORM package. A browser reports a frame's
origin in its own spelling (lowercase, the host in punycode, a legacy IPv4
notation such as `127.1` as `127.0.0.1`, no default port), so an origin
copied from the address as typed is one no message ever comes from. What
would leak or break is refused rather than repaired: a password would be
printed in every page, and a query would end up inside every link. A
refusal never repeats what might be a password: where the address holds an
'@', it quotes nothing of it.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import unquote_to_bytes, urlsplit

import idna

EXAMPLE = "https://guide.example.org/"  # the address the messages suggest
DEFAULT_PORTS = {"http": "80", "https": "443"}
# What a browser percent-encodes in a path (WHATWG's path set, and '|' as Chromium does), and the single quote:
# left as they are, a quote or a space would end the attribute or the script string that holds the address.
_ENCODED = frozenset(" \"'<>`{}^|")
_LABEL = re.compile(r"[a-z0-9_-]+")
_NUMBER = re.compile(r"[0-9]+|0x[0-9a-f]*")  # a last label like this makes the host an IPv4 address (WHATWG)
# Names only a machine or its network knows (RFC 6761, RFC 6762 appendix G, RFC 8375).
PRIVATE_SUFFIXES: tuple[str, ...] = (".localhost", ".local", ".lan", ".internal", ".intranet", ".home", ".home.arpa")
PRIVATE_SUFFIXES += (".corp", ".private", ".test", ".invalid")


class AddressRefused(ValueError):
    """site_url cannot be published as it is written; the message says why and what to write instead."""


def site_address(value: object) -> str | None:
    """`value`, site_url as configured, as the one spelling every output uses; None when it is not set.

    Lowercase scheme and host, the host as a browser sends it, no default port, and a
    path percent-encoded where it must be, ending in '/'. AddressRefused for anything else.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _refused(f"is {type(value).__name__}, not an address")
    # As browsers do before they parse an http(s) address: no tabs or line breaks, and '\\' is '/'.
    text = re.sub(r"[\t\n\r]", "", value).strip("\x00- ").replace("\\", "/")
    echo = "@" not in text  # no '@', no password: a message may quote the address
    try:
        parts = urlsplit(text)
    except ValueError:
        raise _refused("is not an address a browser can read") from None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    if userinfo:
        raise _refused(
            "holds a user name or password, which every page, the sitemap and the SCORM package would show to "
            "anyone who reads them",
            _cleaned(parts.scheme, hostport, parts.path),  # both come after the last '@' of the host part
            "; a site that must stay private needs the web server's own login",
        )
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        begins = f"starts with '{parts.scheme}:', not" if echo and scheme else "does not start with"
        raise _refused(f"{begins} http:// or https://", what="the full address")
    if "?" in text or "#" in text:
        raise _refused(
            "has a query ('?...') or a fragment ('#...'), which would end up inside every address the build writes",
            _cleaned(scheme, hostport, parts.path) if echo else EXAMPLE,
        )
    host, port = _host_and_port(hostport, scheme, echo)
    try:
        path = _path(parts.path)
    except UnicodeError:
        raise _refused("has a path that is not text") from None
    return f"{scheme}://{host}{':' + port if port else ''}{path}"


def origin(address: str) -> str:
    """The origin a browser reports for pages at `address` (a site_address): scheme, host and any other port."""
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


def public_address(site_url: object) -> str | None:
    """The site's address if others can reach it; None for none, or one only this machine or network knows.

    MkDocs' `site_url` defaults to `mkdocs serve`'s own address here (mkdocs.yml), and what trainers take away
    (the SCORM package, the handout, the embed snippet) outlives the machine it was built on: a link to
    127.0.0.1 in a learning platform is a dead link for every learner. Those outputs leave out links to the
    full guide rather than print an address like that.
    """
    try:
        address = site_address(site_url)
    except AddressRefused:
        return None
    if address is None:
        return None
    host = (urlsplit(address).hostname or "").removesuffix(".")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        # The suffixes' own names too (home.arpa itself), and the old Unix alias of localhost.
        private = "." not in host or ("." + host).endswith(PRIVATE_SUFFIXES) or host == "localhost.localdomain"
    else:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        private = not ip.is_global or ip.is_multicast or ip.is_reserved
    return None if private else address


def _refused(
    problem: str, instead: str = EXAMPLE, more: str = "", *, what: str = "the address alone"
) -> AddressRefused:
    return AddressRefused(
        f"site_url {problem}: set site_url in mkdocs.yml (or SITE_URL, where mkdocs.yml reads it with !ENV) "
        f"to {what}, such as {instead}{more}"
    )


def _cleaned(scheme: str, hostport: str, path: str) -> str:
    """The address without what was refused, to suggest in its place; the example where that fails too."""
    try:
        return site_address(f"{scheme}://{hostport}{path}") or EXAMPLE
    except AddressRefused:
        return EXAMPLE


def _host_and_port(hostport: str, scheme: str, echo: bool) -> tuple[str, str]:
    if hostport.startswith("["):
        inside, _, rest = hostport[1:].partition("]")
        try:
            host = f"[{ipaddress.IPv6Address(inside).compressed}]" if "%" not in inside else ""
        except ValueError:
            host = ""
        if not host or (rest and not rest.startswith(":")):
            raise _refused(f"has a host{_quoted(hostport, echo)} that is not an IPv6 address in brackets")
        port = rest[1:]
    else:
        name, _, port = hostport.partition(":")
        host = _host(name, echo)
    if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise _refused(f"has a port{_quoted(port, echo)} that is not a number from 1 to 65535")
    port = str(int(port)) if port else ""
    return host, "" if port == DEFAULT_PORTS[scheme] else port


def _host(name: str, echo: bool) -> str:
    """A host name as browsers send it: lowercase, in punycode, and a number in any IPv4 notation as dotted decimal."""
    if not name:
        raise _refused("has no host")
    try:
        labels = idna.uts46_remap(unquote_to_bytes(name).decode("utf-8"), std3_rules=False).split(".")
        last = len(labels) - 1 if labels[-1] or len(labels) == 1 else len(labels) - 2  # a final '.' may stay
        labels[: last + 1] = [
            label if label.isascii() and not label.startswith("xn--") else idna.alabel(label).decode("ascii")
            for label in labels[: last + 1]
        ]
    except (UnicodeError, idna.IDNAError) as err:
        why = f" ({err})" if echo else ""
        raise _refused(f"has a host{_quoted(name, echo)} that no browser can look up{why}") from None
    if not all(_LABEL.fullmatch(label) for label in labels[: last + 1]):
        raise _refused(
            f"has a host{_quoted(name, echo)} that is not a host name (letters, digits and hyphens, between dots)"
        )
    if _NUMBER.fullmatch(labels[last]):
        try:
            return socket.inet_ntoa(socket.inet_aton(".".join(labels[: last + 1])))
        except OSError:
            raise _refused(f"has a host{_quoted(name, echo)} that is not an IPv4 address") from None
    return ".".join(labels)


def _quoted(part: str, echo: bool) -> str:
    return f" '{part}'" if echo else ""


def _path(path: str) -> str:
    """The path with its dot segments resolved, as browsers do, and percent-encoded where it must be; ending in '/'."""
    segments: list[str] = []
    for segment in path.split("/")[1:]:
        dots = segment.lower().replace("%2e", ".")
        if dots == "..":
            segments = segments[:-1]
        elif dots != ".":
            segments.append(segment)
    joined = "/" + "/".join(segments)
    joined += "" if joined.endswith("/") else "/"
    encoded = []
    for i, char in enumerate(joined):
        escape = char == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", joined[i + 1 : i + 3]) is not None
        if (char == "%" and not escape) or char in _ENCODED or not " " < char < "\x7f":
            encoded.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogateescape")))
        else:
            encoded.append(char)
    return "".join(encoded)
