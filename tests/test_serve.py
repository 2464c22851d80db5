"""`publish serve`: the preview core without sockets, and one real server on 127.0.0.1."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.errors import PublishError
from publish.preview.core import Preview, drafts_config, host_header_allowed
from publish.preview.http import PreviewServer, loopback_host
from publish.preview.pages import VERSION_PATH
from publish.preview.watch import changes, snapshot
from site_fixtures import SMALL, SMALL_SLUG, copy_project

from helpers import run, working_dir

SLUG = SMALL_SLUG
RU_PO = f"locale/ru/LC_MESSAGES/{SLUG}.po"
RU_PAGE = f"/ru/{SLUG}/"
TITLE_RU = "Ночные поезда возвращаются в Альпы"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_project(SMALL, tmp_path)


@pytest.fixture
def preview(small: Path) -> Iterator[Preview]:
    with working_dir(small):
        preview = Preview(small)
        preview.rebuild("start")
        yield preview


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def body(preview: Preview, path: str) -> str:
    response = preview.respond(path)
    return response.body.decode("utf-8")


# --- answering requests ------------------------------------------------------------


def test_pages_get_the_reload_script_but_files_on_disk_do_not(
    preview: Preview, small: Path
) -> None:
    response = preview.respond(RU_PAGE)
    assert response.status == 200
    assert response.content_type == "text/html; charset=utf-8"
    html = response.body.decode("utf-8")
    assert TITLE_RU in html
    assert VERSION_PATH in html
    assert html.rstrip().endswith("</html>")
    assert html.index("<script>/* publish serve") < html.rindex("</body>")
    on_disk = (small / "site" / "ru" / SLUG / "index.html").read_text(encoding="utf-8")
    assert VERSION_PATH not in on_disk
    css = preview.respond("/style.css")
    assert css.status == 200 and css.content_type.startswith("text/css")
    assert VERSION_PATH.encode() not in css.body
    sitemap = preview.respond("/sitemap.xml")
    assert sitemap.status == 200 and VERSION_PATH.encode() not in sitemap.body


def test_root_and_folder_redirect(preview: Preview) -> None:
    assert preview.respond("/").status == 200
    redirect = preview.respond(f"/ru/{SLUG}?x=1")
    assert redirect.status == 301
    assert redirect.location == f"/ru/{SLUG}/"


def test_version_endpoint(preview: Preview) -> None:
    response = preview.respond(VERSION_PATH + "?t=1")
    assert response.status == 200
    assert json.loads(response.body) == {"version": preview.version}


@pytest.mark.parametrize(
    "path",
    [
        "/../publish.yaml",
        "/%2e%2e/publish.yaml",
        "/ru/../../publish.yaml",
        "/.publish-manifest.json",
        "/ru%00/index.html",
        "/..%5cpublish.yaml",
    ],
)
def test_nothing_outside_the_site_is_served(preview: Preview, path: str) -> None:
    response = preview.respond(path)
    assert response.status == 404
    assert b"publish_threshold" not in response.body


def test_unknown_page_says_why_it_was_not_built(preview: Preview) -> None:
    response = preview.respond(f"/de/{SLUG}/")
    assert response.status == 404
    html = response.body.decode("utf-8")
    assert "below the 60% threshold" in html
    assert VERSION_PATH in html  # reloads once it is built


def test_only_loopback_host_headers(preview: Preview) -> None:
    assert preview.respond("/", "evil.example:8000").status == 403
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "127.0.0.1", None):
        assert preview.respond("/", host).status == 200, host
    assert host_header_allowed("LOCALHOST")
    assert not host_header_allowed("127.0.0.1.evil.example")


def test_loopback_only() -> None:
    assert loopback_host("127.0.0.1") == "127.0.0.1"
    assert loopback_host("localhost") == "127.0.0.1"
    assert loopback_host("::1") == "::1"
    assert loopback_host("[::1]") == "::1"
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.org", ""):
        with pytest.raises(PublishError, match="preview server is for this computer only"):
            loopback_host(host)


def test_cli_refuses_other_hosts(small: Path) -> None:
    result = run(["serve", "--host", "0.0.0.0", "--port", "0"], small)
    assert result.exit_code == 2
    assert "error: refusing to serve on '0.0.0.0'" in result.output
    assert "Traceback" not in result.output
    assert not (small / "site").exists()


def test_help_speaks_to_translators(small: Path) -> None:
    result = run(["serve", "--help"], small)
    assert result.exit_code == 0
    assert "reloads by itself" in result.output
    assert "--drafts" in result.output


# --- rebuilding --------------------------------------------------------------------


def test_watch_snapshot(small: Path) -> None:
    before = snapshot(small)
    assert RU_PO in before and f"source/{SLUG}.md" in before and "publish.yaml" in before
    assert not any(path.startswith("site/") for path in before)
    (small / "locale/ru/LC_MESSAGES/.night-trains.po.swp").write_text("x")
    (small / "locale/notes.txt").write_text("x")
    assert changes(before, snapshot(small)) == []
    edit(small / RU_PO, TITLE_RU, TITLE_RU + "!")
    assert changes(before, snapshot(small)) == [RU_PO]


def test_saving_a_po_rebuilds_the_page(preview: Preview, small: Path) -> None:
    version = preview.version
    assert preview.poll() is False  # nothing changed
    assert preview.version == version
    edit(small / RU_PO, TITLE_RU, "Ночные поезда снова в Альпах")
    assert preview.poll() is True
    assert preview.version > version
    assert "Ночные поезда снова в Альпах" in body(preview, RU_PAGE)


def test_broken_po_is_shown_on_the_page_and_recovers(preview: Preview, small: Path) -> None:
    path = small / RU_PO
    good = path.read_text(encoding="utf-8")
    path.write_text(good + '\nmsgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    assert preview.poll() is True
    state = preview.state
    assert state.problems and not state.fatal
    # The page stays as last built (as in `publish build`), under the located error.
    page = preview.respond(RU_PAGE)
    assert page.status == 200
    html = page.body.decode("utf-8")
    assert f"{RU_PO}:" in html and ": error: " in html
    assert 'id="publish-preview-problems"' in html and TITLE_RU in html
    # Other pages carry the banner with the same located message.
    other = body(preview, f"/ar/{SLUG}/")
    assert 'id="publish-preview-problems"' in other and f"{RU_PO}:" in other
    path.write_text(good, encoding="utf-8")
    assert preview.poll() is True
    fixed = body(preview, RU_PAGE)
    assert TITLE_RU in fixed and "publish-preview-problems" not in fixed


def test_broken_config_gives_an_error_page(preview: Preview, small: Path) -> None:
    config = small / "publish.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "colour: blue\n", encoding="utf-8")
    assert preview.poll() is True
    response = preview.respond(RU_PAGE)
    assert response.status == 500
    html = response.body.decode("utf-8")
    assert "The site could not be built" in html
    assert "publish.yaml:" in html and "unknown setting" in html
    assert preview.respond("/style.css").status == 200  # the stylesheet keeps working
    config.write_text(good, encoding="utf-8")
    assert preview.poll() is True
    assert preview.respond(RU_PAGE).status == 200


def test_markup_in_messages_is_escaped(preview: Preview, small: Path) -> None:
    source = small / f"source/{SLUG}.md"
    edit(source, "title: Night Trains", "title: <script>x</script>\n  bad: [")
    assert preview.poll() is True
    html = body(preview, RU_PAGE)
    assert "<script>x" not in html


def test_drafts_show_languages_below_the_threshold(small: Path) -> None:
    with working_dir(small):
        preview = Preview(small, use_fuzzy=True, configure=drafts_config)
        preview.rebuild()
        response = preview.respond(f"/de/{SLUG}/")
    assert response.status == 200
    assert (small / "site-drafts" / "de" / SLUG / "index.html").is_file()
    assert not (small / "site").exists()


# --- the real server ---------------------------------------------------------------


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_real_server_rebuilds_after_an_edit(small: Path) -> None:
    with working_dir(small):
        preview = Preview(small)
        server = PreviewServer(preview, "127.0.0.1", 0, interval=0.1)
        server.start()
        try:
            assert server.port != 0
            page = _fetch(server.url + RU_PAGE.lstrip("/"))
            assert TITLE_RU in page
            version = json.loads(_fetch(server.url + VERSION_PATH.lstrip("/")))["version"]
            edit(small / RU_PO, TITLE_RU, "Ночные поезда снова в Альпах")
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                page = _fetch(server.url + RU_PAGE.lstrip("/"))
                if "Ночные поезда снова в Альпах" in page:
                    break
                time.sleep(0.1)
            assert "Ночные поезда снова в Альпах" in page
            new = json.loads(_fetch(server.url + VERSION_PATH.lstrip("/")))["version"]
            assert new > version
            with pytest.raises(urllib.error.HTTPError) as error:
                _fetch(server.url + "../publish.yaml")
            assert error.value.code == 404
        finally:
            started = time.monotonic()
            server.stop()
            assert time.monotonic() - started < 10
