"""Error pages speak Dutch, look like the rest of Oranje and offer a way back; the server
error page needs nothing that can be down (no database, no user, no URL lookup)."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import path


def _broken_view(request: object) -> None:
    raise RuntimeError("a bug in a view")


#: A URL configuration with one view that raises, for the server-error test.
urlpatterns = [path("stuk/", _broken_view)]


@pytest.fixture
def quiet_client() -> Client:
    """A client that gets the error response, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_an_unknown_page_says_so_in_dutch_with_a_way_back(quiet_client, world):
    quiet_client.force_login(world.coordinator)
    response = quiet_client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Pagina niet gevonden" in page
    assert 'href="/"' in page and "Terug naar de startpagina" in page
    assert 'href="/incidenten/"' in page
    assert 'class="mainnav"' in page  # the house style: menu and header as on every page


@pytest.mark.django_db
def test_an_unknown_page_offers_a_logged_out_visitor_the_login(quiet_client, world):
    page = quiet_client.get("/bestaat-niet/").content.decode()
    assert "Pagina niet gevonden" in page
    assert 'href="/inloggen/"' in page


@pytest.mark.django_db
def test_a_forbidden_action_says_so_in_dutch_and_names_the_role(quiet_client, world):
    quiet_client.force_login(world.viewer)
    response = quiet_client.get("/incidenten/nieuw/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Geen toegang" in page
    assert "Uw rollen" in page
    assert "Terug naar de startpagina" in page


@pytest.mark.django_db
def test_a_stale_form_gets_a_dutch_page_instead_of_django_english(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.post("/incidenten/nieuw/", {"title": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formulier verlopen" in page
    assert "Forbidden" not in page


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_view_that_raises_gets_the_dutch_server_error_page(quiet_client):
    response = quiet_client.get("/stuk/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "oranje.css" in page
    assert "a bug in a view" not in page


@pytest.mark.django_db
def test_the_server_error_page_needs_no_database(quiet_client, world, monkeypatch):
    quiet_client.force_login(world.coordinator)

    def database_down(self: BaseDatabaseWrapper) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", database_down)
    response = quiet_client.get("/piket/nu/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


@pytest.mark.django_db
def test_a_request_for_a_host_that_is_not_ours_gets_the_dutch_400_page_not_a_500(
    quiet_client, settings
):
    # The host is refused before the login is read: the 400 page's context has no user.
    settings.ALLOWED_HOSTS = ["oranje.example.nl"]
    response = quiet_client.get("/inloggen/", HTTP_HOST="10.0.0.11:8000")
    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.content.decode()
