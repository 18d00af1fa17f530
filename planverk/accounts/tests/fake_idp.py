"""A tiny OpenID Connect provider in Python whose ID tokens the tests choose, faults included.

It serves discovery, a JWKS, a token endpoint (client secret, single-use code,
redirect URI and PKCE S256 all checked) and userinfo, on 127.0.0.1 in a thread.
There is no login page: a test takes the authorisation URL Planverk redirects
to, registers a code for it with ``grant()``, and calls the callback itself, so
each answer reaches Authlib's real validation of state, signature and claims.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from planverk.accounts.providers import Provider

# What the token endpoint can get wrong on purpose, and the reason Planverk logs
# when it refuses the answer (Authlib's and joserfc's errors, or our own checks).
FAULTS = {
    "wrong_audience": "Invalid claim: 'aud'",
    "wrong_audience_with_azp": "Invalid claim: 'aud'",  # Authlib alone accepts it
    "expired": "ExpiredTokenError",
    "bad_signature": "BadSignatureError",  # another key under the published key id
    "unknown_key": "No key for kid",
    "wrong_issuer": "Invalid claim: 'iss'",
    "wrong_nonce": "Invalid claim: 'nonce'",
    "no_nonce": "Missing claim: 'nonce'",
    "hs256_with_client_secret": "Algorithm of 'HS256' is not allowed",
    "no_id_token": "no ID token",
    "userinfo_about_someone_else": "userinfo is about another subject",
}


@dataclass
class Grant:
    subject: str
    nonce: str
    challenge: str
    redirect_uri: str
    fault: str | None
    claims: dict[str, Any] = field(default_factory=dict)


class FakeIdP:
    def __init__(self, client_id: str = "planverk", name: str = "fake") -> None:
        self.name = name
        self.client_id = client_id
        self.client_secret = secrets.token_urlsafe(32)
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1"}, private=True)
        self.impostor = RSAKey.generate_key(
            2048, parameters={"kid": "k1"}, private=True
        )
        self.stranger = RSAKey.generate_key(
            2048, parameters={"kid": "k2"}, private=True
        )
        self.grants: dict[str, Grant] = {}
        self.by_access_token: dict[str, Grant] = {}
        self.token_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def provider(self) -> Provider:
        return Provider(
            name=self.name,
            label="Testportalen",
            discovery_url=self.issuer + "/.well-known/openid-configuration",
            client_id=self.client_id,
            client_secret=self.client_secret,
        )

    def grant(
        self,
        authorize_url: str,
        *,
        subject: str,
        fault: str | None = None,
        **claims: Any,
    ) -> str:
        """A code for the sign-in *authorize_url* asked for, as *subject*."""
        assert fault is None or fault in FAULTS, fault
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        assert query["client_id"] == self.client_id
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            subject=subject,
            nonce=query["nonce"],
            challenge=query["code_challenge"],
            redirect_uri=query["redirect_uri"],
            fault=fault,
            claims=claims,
        )
        return code

    # The endpoints

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "userinfo_endpoint": self.issuer + "/userinfo",
            "jwks_uri": self.issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        }

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    def token(
        self, form: dict[str, str], authorization: str
    ) -> tuple[int, dict[str, Any]]:
        self.token_requests += 1
        expected = base64.b64encode(
            f"{self.client_id}:{self.client_secret}".encode()
        ).decode()
        if authorization != f"Basic {expected}":
            return 401, {"error": "invalid_client"}
        grant = self.grants.pop(form.get("code", ""), None)  # a code works once
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if (
            grant is None
            or form.get("redirect_uri") != grant.redirect_uri
            or challenge != grant.challenge
        ):
            return 400, {"error": "invalid_grant"}
        access_token = secrets.token_urlsafe(16)
        self.by_access_token[access_token] = grant
        answer = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
        }
        if grant.fault != "no_id_token":
            answer["id_token"] = self.id_token(grant)
        return 200, answer

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": grant.subject,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
        }
        fault = grant.fault
        if fault == "wrong_audience":
            claims["aud"] = "someone-else"
        elif fault == "wrong_audience_with_azp":
            claims.update(aud="someone-else", azp=self.client_id)
        elif fault == "expired":
            claims.update(iat=now - 7200, exp=now - 3600)
        elif fault == "wrong_issuer":
            claims["iss"] = "https://idp.example.org"
        elif fault == "wrong_nonce":
            claims["nonce"] = "not-the-nonce"
        elif fault == "no_nonce":
            del claims["nonce"]
        if fault == "hs256_with_client_secret":
            secret = OctKey.import_key(self.client_secret)
            return jwt.encode({"alg": "HS256"}, claims, secret)
        key = {"bad_signature": self.impostor, "unknown_key": self.stranger}.get(
            fault or "", self.key
        )
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    def userinfo(self, authorization: str) -> tuple[int, dict[str, Any]]:
        grant = self.by_access_token.get(authorization.removeprefix("Bearer "))
        if grant is None:
            return 401, {"error": "invalid_token"}
        subject = grant.subject
        if grant.fault == "userinfo_about_someone_else":
            subject = "someone-else"
        return 200, {"sub": subject, **grant.claims}


def _handler(idp: FakeIdP) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/.well-known/openid-configuration":
                self._json(200, idp.metadata())
            elif path == "/jwks":
                self._json(200, idp.jwks())
            elif path == "/userinfo":
                self._json(*idp.userinfo(self.headers.get("Authorization", "")))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            form = {k: v[0] for k, v in parse_qs(body).items()}
            if urlsplit(self.path).path != "/token":
                self._json(404, {"error": "not_found"})
                return
            self._json(*idp.token(form, self.headers.get("Authorization", "")))

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet

    return Handler
