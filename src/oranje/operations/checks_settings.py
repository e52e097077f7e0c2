"""Deployment checks on the settings themselves: the secret key, debug mode, the host names
and public address, secure cookies and HSTS, two-factor authentication. Nothing here touches
the network or the database."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage
from django.http.request import split_domain_port, validate_host
from django.utils.http import is_same_domain

from oranje.operations.checks_base import error, warning

# ORANJE_ALLOWED_HOSTS' default: a machine that answers only to itself.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
HSTS_SECONDS_ADVISED = 31_536_000


def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """W001: the key must come from the environment, the same on every machine."""
    if os.environ.get("ORANJE_SECRET_KEY"):
        return []
    return [
        warning(
            "W001",
            "ORANJE_SECRET_KEY staat niet in de omgeving; deze machine gebruikt een sleutel die "
            f"zij zelf maakte in {settings.DATA_DIR / 'secret_key'}. Elke machine maakt zo een "
            "eigen sleutel: sessies en antwoordlinks in berichten werken dan niet op de andere "
            "machines, en een nieuwe datamap maakt alle uitstaande links ongeldig.",
            "ORANJE_SECRET_KEY is not set in the environment; this machine uses a key it "
            f"generated itself in {settings.DATA_DIR / 'secret_key'}. Each machine would "
            "generate its own: sessions and answer links in messages then break across "
            "machines, and a new data directory invalidates every outstanding link.",
            fix_nl="Zet ORANJE_SECRET_KEY in het omgevingsbestand van Oranje, op elke machine "
            "dezelfde waarde van minstens 32 tekens, bijvoorbeeld de uitvoer van "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` "
            "(bestand alleen leesbaar voor root en de oranje-gebruiker, 0640).",
            fix_en="Set ORANJE_SECRET_KEY in Oranje's environment file, the same value of at "
            "least 32 characters on every machine, for example the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` "
            "(file readable by root and the oranje user only, 0640).",
        )
    ]


def check_debug(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """E001: no debug pages in production."""
    if not settings.DEBUG:
        return []
    return [
        error(
            "E001",
            "ORANJE_DEBUG staat aan: foutpagina's tonen instellingen, code en gegevens aan "
            "iedereen die een fout veroorzaakt.",
            "ORANJE_DEBUG is on: error pages show settings, code and data to anyone who "
            "causes an error.",
            fix_nl="Haal ORANJE_DEBUG uit het omgevingsbestand of zet ORANJE_DEBUG=false.",
            fix_en="Remove ORANJE_DEBUG from the environment file or set ORANJE_DEBUG=false.",
        )
    ]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}".lower()


def _origin_trusted(origin: str, trusted: list[str]) -> bool:
    """As Django's CSRF middleware reads CSRF_TRUSTED_ORIGINS: exact, or `*.domain`."""
    scheme, _sep, netloc = origin.partition("://")
    for entry in trusted:
        entry_scheme, _sep, entry_netloc = entry.lower().partition("://")
        if entry_scheme != scheme:
            continue
        if entry_netloc == netloc or (
            entry_netloc.startswith("*.") and is_same_domain(netloc, entry_netloc[1:])
        ):
            return True
    return False


def check_hosts(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """E002–E005: the host names Oranje answers to and its public address agree."""
    hosts = list(settings.ALLOWED_HOSTS)
    messages: list[CheckMessage] = []
    if "*" in hosts:
        messages.append(
            error(
                "E002",
                "ORANJE_ALLOWED_HOSTS bevat '*': Oranje beantwoordt elke hostnaam, zodat "
                "links in wachtwoordherstel en berichten naar een vreemde host kunnen wijzen.",
                "ORANJE_ALLOWED_HOSTS holds '*': Oranje answers any host name, so links in "
                "password resets and messages can be made to point at a foreign host.",
                fix_nl="Zet ORANJE_ALLOWED_HOSTS op de eigen hostnaam of -namen, komma-"
                "gescheiden, bijvoorbeeld ORANJE_ALLOWED_HOSTS=oranje.vr12.nl.",
                fix_en="Set ORANJE_ALLOWED_HOSTS to the installation's own host name(s), "
                "comma-separated, e.g. ORANJE_ALLOWED_HOSTS=oranje.vr12.nl.",
            )
        )
    elif not set(hosts) - LOCAL_HOSTS:
        messages.append(
            error(
                "E002",
                "ORANJE_ALLOWED_HOSTS noemt alleen localhost "
                f"({', '.join(hosts) or 'leeg'}): verzoeken op de echte hostnaam worden "
                "geweigerd (400).",
                "ORANJE_ALLOWED_HOSTS names only localhost "
                f"({', '.join(hosts) or 'empty'}): requests for the real host name are "
                "refused (400).",
                fix_nl="Zet ORANJE_ALLOWED_HOSTS op de hostnaam uit ORANJE_SITE_URL, "
                "bijvoorbeeld ORANJE_ALLOWED_HOSTS=oranje.vr12.nl.",
                fix_en="Set ORANJE_ALLOWED_HOSTS to the host name of ORANJE_SITE_URL, "
                "e.g. ORANJE_ALLOWED_HOSTS=oranje.vr12.nl.",
            )
        )
    site = urlsplit(settings.SITE_URL)
    domain, _port = split_domain_port(site.netloc.rpartition("@")[2])
    if site.scheme not in ("http", "https") or not domain:
        messages.append(
            error(
                "E003",
                f"ORANJE_SITE_URL ({settings.SITE_URL!r}) is geen webadres.",
                f"ORANJE_SITE_URL ({settings.SITE_URL!r}) is not a web address.",
                fix_nl="Zet ORANJE_SITE_URL op het publieke adres, bijvoorbeeld "
                "ORANJE_SITE_URL=https://oranje.vr12.nl.",
                fix_en="Set ORANJE_SITE_URL to the public address, e.g. "
                "ORANJE_SITE_URL=https://oranje.vr12.nl.",
            )
        )
        return messages
    if not validate_host(domain, hosts):
        messages.append(
            error(
                "E003",
                f"De host van ORANJE_SITE_URL ({domain}) staat niet in ORANJE_ALLOWED_HOSTS: "
                "de links in berichten en e-mails geven een foutmelding (400).",
                f"The host of ORANJE_SITE_URL ({domain}) is not in ORANJE_ALLOWED_HOSTS: "
                "the links in messages and e-mails answer with an error (400).",
                fix_nl=f"Voeg {domain} toe aan ORANJE_ALLOWED_HOSTS (komma-gescheiden), of "
                "verbeter ORANJE_SITE_URL.",
                fix_en=f"Add {domain} to ORANJE_ALLOWED_HOSTS (comma-separated), or correct "
                "ORANJE_SITE_URL.",
            )
        )
    if site.scheme != "https":
        messages.append(
            error(
                "E004",
                f"ORANJE_SITE_URL ({settings.SITE_URL}) begint niet met https://: links in "
                "berichten sturen wachtwoorden en sessies onversleuteld over het netwerk.",
                f"ORANJE_SITE_URL ({settings.SITE_URL}) does not start with https://: links "
                "in messages send passwords and sessions unencrypted over the network.",
                fix_nl="Zet ORANJE_SITE_URL op het https-adres achter de reverse proxy, "
                "bijvoorbeeld ORANJE_SITE_URL=https://oranje.vr12.nl.",
                fix_en="Set ORANJE_SITE_URL to the https address behind the reverse proxy, "
                "e.g. ORANJE_SITE_URL=https://oranje.vr12.nl.",
            )
        )
    origin = _origin(settings.SITE_URL)
    if settings.BEHIND_PROXY and not _origin_trusted(origin, list(settings.CSRF_TRUSTED_ORIGINS)):
        messages.append(
            error(
                "E005",
                f"ORANJE_BEHIND_PROXY staat aan maar ORANJE_CSRF_TRUSTED_ORIGINS bevat {origin} "
                "niet: formulieren achter de proxy kunnen als vervalst worden geweigerd (403).",
                f"ORANJE_BEHIND_PROXY is on but ORANJE_CSRF_TRUSTED_ORIGINS lacks {origin}: "
                "forms behind the proxy may be refused as forged (403).",
                fix_nl=f"Zet ORANJE_CSRF_TRUSTED_ORIGINS={origin} (komma-gescheiden als er "
                "meer adressen zijn).",
                fix_en=f"Set ORANJE_CSRF_TRUSTED_ORIGINS={origin} (comma-separated when there "
                "are more addresses).",
            )
        )
    return messages


def check_cookies(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """E006, W002: cookies only over HTTPS, and browsers told to stay on HTTPS."""
    messages: list[CheckMessage] = []
    if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        messages.append(
            error(
                "E006",
                "ORANJE_SECURE_COOKIES staat uit: de sessiecookie gaat ook over onversleuteld "
                "HTTP en kan onderweg worden afgeluisterd.",
                "ORANJE_SECURE_COOKIES is off: the session cookie also travels over "
                "unencrypted HTTP and can be overheard on the way.",
                fix_nl="Zet ORANJE_SECURE_COOKIES=true (Oranje draait achter HTTPS).",
                fix_en="Set ORANJE_SECURE_COOKIES=true (Oranje runs behind HTTPS).",
            )
        )
    if not settings.SECURE_HSTS_SECONDS:
        messages.append(
            warning(
                "W002",
                "HSTS staat uit (ORANJE_HSTS_SECONDS=0): browsers mogen de site nog over "
                "onversleuteld HTTP openen.",
                "HSTS is off (ORANJE_HSTS_SECONDS=0): browsers may still open the site over "
                "unencrypted HTTP.",
                fix_nl="Haal ORANJE_HSTS_SECONDS uit het omgevingsbestand (met "
                f"ORANJE_SECURE_COOKIES=true wordt het {HSTS_SECONDS_ADVISED}) of zet "
                f"ORANJE_HSTS_SECONDS={HSTS_SECONDS_ADVISED}.",
                fix_en="Remove ORANJE_HSTS_SECONDS from the environment file (with "
                f"ORANJE_SECURE_COOKIES=true it becomes {HSTS_SECONDS_ADVISED}) or set "
                f"ORANJE_HSTS_SECONDS={HSTS_SECONDS_ADVISED}.",
            )
        )
    return messages


def check_two_factor(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """W003: the roles that see person data log in with a second factor."""
    if settings.REQUIRE_2FA:
        return []
    return [
        warning(
            "W003",
            "Tweestapsverificatie is uitgezet (ORANJE_REQUIRE_2FA=false): een uitgelekt "
            "wachtwoord is genoeg om persoonsgegevens in te zien.",
            "Two-factor authentication is off (ORANJE_REQUIRE_2FA=false): one leaked "
            "password is enough to see person data.",
            fix_nl="Haal ORANJE_REQUIRE_2FA uit het omgevingsbestand of zet "
            "ORANJE_REQUIRE_2FA=true; welke rollen het moeten staat in ORANJE_2FA_ROLES.",
            fix_en="Remove ORANJE_REQUIRE_2FA from the environment file or set "
            "ORANJE_REQUIRE_2FA=true; ORANJE_2FA_ROLES lists the roles that must.",
        )
    ]
