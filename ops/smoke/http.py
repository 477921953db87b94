"""A small HTTP client for the production smoke test, standard library only.

It talks plain HTTP to gunicorn and sends ``X-Forwarded-Proto: https`` as a TLS proxy would, so
it keeps cookies itself: ``http.cookiejar`` would withhold the Secure session and CSRF cookies
from a plain-HTTP connection. It never follows redirects on its own: the caller sees each one.
"""

import http.client
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class SmokeFailure(Exception):
    """A check failed; ``part`` names the process whose log explains it (web, mail…)."""

    def __init__(self, part: str, message: str):
        super().__init__(message)
        self.part = part


@dataclass
class Response:
    method: str
    path: str
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list = field(default_factory=list)  # (name, value) the browser would send as is
    options: dict = field(default_factory=dict)  # select name -> [(value, label)]
    radios: dict = field(default_factory=dict)  # radio/checkbox name -> [(value, label-ish text)]

    def names(self) -> set:
        return {name for name, _ in self.fields} | set(self.options) | set(self.radios)

    def value(self, name: str) -> str:
        return next((value for key, value in self.fields if key == name), "")


class PageParser(HTMLParser):
    """Collects forms (inputs, selects with their options, textareas), links and static assets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[tuple[str, str]] = []
        self.assets: list[str] = []
        self._select = None
        self._option = None
        self._textarea = None
        self._link = None
        self._choice = None  # the last radio/checkbox, whose label text follows it

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        form = self.forms[-1] if self.forms else None
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower(), a.get("enctype", "")))
        elif (
            tag == "link" and "stylesheet" in a.get("rel", "") or tag == "link" and "icon" in a.get("rel", "")
        ):
            self.assets.append(a.get("href", ""))
        elif tag in {"script", "img"} and a.get("src"):
            self.assets.append(a["src"])
        elif tag == "a" and a.get("href"):
            self._link = [a["href"], ""]
        elif form is not None and tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"radio", "checkbox"}:
                self._choice = [a["name"], a.get("value", "on"), ""]
                form.radios.setdefault(a["name"], []).append(self._choice)
                if "checked" in a:
                    form.fields.append((a["name"], a.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                form.fields.append((a["name"], a.get("value", "")))
        elif form is not None and tag == "select" and a.get("name"):
            self._select = a["name"]
            form.options[self._select] = []
        elif form is not None and tag == "option" and self._select:
            self._option = [a.get("value", ""), ""]
            form.options[self._select].append(self._option)
            if "selected" in a:
                form.fields.append((self._select, a.get("value", "")))
        elif form is not None and tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._link:
            self.links.append((self._link[0], self._link[1].strip()))
            self._link = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea" and self._textarea:
            self.forms[-1].fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "label":
            self._choice = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._option is not None:
            self._option[1] += data
        if self._textarea is not None:
            self._textarea[1] += data
        if self._choice is not None:
            self._choice[2] += data


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def multipart(fields: list, files: list) -> tuple[bytes, str]:
    """Encode ``fields`` [(name, value)] and ``files`` [(name, filename, content_type, bytes)]."""
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in fields:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += str(value).encode() + b"\r\n"
    for name, filename, content_type, content in files:
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f"filename*=UTF-8''{_quote(filename)}\r\nContent-Type: {content_type}\r\n\r\n"
        ).encode()
        out += content + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


class Client:
    """One browser session against gunicorn at ``address``, for the public ``host``."""

    def __init__(self, address: str, host: str, *, proxied: bool = True, timeout: float = 60.0):
        self.address = address
        self.host = host
        self.proxied = proxied
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.user = "anonymous"  # who signed in, for the failure messages
        self.last_url = "/"

    def request(self, method: str, path: str, *, data=None, files=None, headers=None) -> Response:
        hostname, _, port = self.address.partition(":")
        connection = http.client.HTTPConnection(hostname, int(port or 80), timeout=self.timeout)
        sent = {"Host": self.host, "User-Agent": "khenthuong-smoke/1", "Accept-Language": "vi"}
        if self.proxied:
            sent["X-Forwarded-Proto"] = "https"
            sent["X-Forwarded-For"] = "203.0.113.7"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            # A browser on the https site sends these; Django's CSRF check compares them.
            sent["Origin"] = f"https://{self.host}"
            sent["Referer"] = f"https://{self.host}{self.last_url}"
            if files:
                body, sent["Content-Type"] = multipart(data or [], files)
            else:
                body = urlencode(data or []).encode()
                sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            content = raw.read()
        except OSError as exc:
            raise SmokeFailure("web", f"{method} {path}: no answer from {self.address}: {exc}") from exc
        finally:
            connection.close()
        for header in raw.msg.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        response = Response(method, path, raw.status, {k.lower(): v for k, v in raw.getheaders()}, content)
        if raw.status >= 500:
            raise SmokeFailure(
                "web", f"{self.user}: {method} {path} answered {raw.status}:\n{response.text[:1500]}"
            )
        return response

    def follow(self, response: Response, *, limit: int = 5) -> Response:
        """Follow redirects within the site; an http:// or foreign Location is a failure."""
        while response.status in {301, 302, 303} and limit:
            location = response.header("Location")
            parts = urlsplit(location)
            if parts.scheme and (parts.scheme != "https" or parts.netloc != self.host):
                raise SmokeFailure(
                    "web", f"{response.path} redirected outside https://{self.host}: {location}"
                )
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            response = self.request("GET", target)
            limit -= 1
        if response.status == 200 and "text/html" in response.header("Content-Type"):
            self.last_url = response.path
        return response

    def get(self, path: str) -> Response:
        return self.follow(self.request("GET", path))

    def post(self, path: str, data=None, files=None) -> Response:
        return self.request("POST", path, data=data, files=files)
