"""The built site in a real browser: headless Chromium opens the Russian and the Arabic page.

Skipped when Chromium is not installed (CI installs Debian's `chromium`). A small
harness page loads the built page in an iframe (same file:// origin with
--allow-file-access-from-files) and reports what the browser computed: the
language, the direction, where the title's last line sits, the resolved
switcher links. The Arabic page is also saved as a screenshot; set
PUBLISH_SCREENSHOT_DIR to keep it.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_fixtures import SEED, SEED_SLUG, build, copy_project

NOTICE = (
    "Copyright (c) 2022. RFE/RL, Inc. Reprinted with the permission of Radio Free Europe/Radio "
    "Liberty, 1201 Connecticut Ave., N.W. Washington DC 20036."
)
ORIGINAL = (
    "https://www.rferl.org/a/russia-ukraine-war-women-soldiers-home-buryatia-tyva/31940262.html"
)
TITLE = (
    "In Russia's Poorest Regions, Mothers And Wives Are Fighting To Bring Their Soldiers Back Home"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>harness</title></head><body>
<iframe id="page" src="PAGE_URL" width="900" height="1400"></iframe>
<pre id="out">pending</pre>
<script>
window.addEventListener("load", function () {
  var out = {};
  try {
    var doc = document.getElementById("page").contentDocument;
    var view = doc.defaultView;
    var html = doc.documentElement;
    out.lang = html.getAttribute("lang");
    out.direction = view.getComputedStyle(html).direction;
    var h1 = doc.querySelector("h1");
    var range = doc.createRange();
    range.selectNodeContents(h1);
    var lines = range.getClientRects();
    var box = h1.getBoundingClientRect();
    out.title = {text: h1.textContent, left: box.left, right: box.right,
                 lastLeft: lines[lines.length - 1].left, lastRight: lines[lines.length - 1].right};
    out.switcher = Array.prototype.map.call(doc.querySelectorAll("nav.languages a"),
      function (a) { return {href: a.href, lang: a.lang, text: a.textContent}; });
    var notices = Array.prototype.filter.call(doc.querySelectorAll("[lang]"),
      function (e) { return e.textContent === NOTICE_JSON; });
    out.notices = notices.map(function (e) {
      return {lang: e.lang, direction: view.getComputedStyle(e).direction}; });
    out.originalLinks = Array.prototype.filter.call(doc.querySelectorAll("a"),
      function (a) { return a.getAttribute("href") === ORIGINAL_JSON; })
      .map(function (a) { return a.textContent; });
    var fallback = doc.querySelector(".untranslated");
    out.fallback = fallback && {lang: fallback.lang, direction: view.getComputedStyle(fallback).direction};
    var scripts = doc.querySelectorAll("script");
    out.scripts = scripts.length;
    out.jsonld = JSON.parse(scripts[0].textContent);
  } catch (error) {
    out.error = String(error);
  }
  document.getElementById("out").textContent = JSON.stringify(out);
});
</script></body></html>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (apt-get install -y chromium)")


def run_chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()
    root = copy_project(SEED, tmp_path_factory.mktemp("browser"))
    result = build(root)
    assert result.exit_code == 0, result.output
    return root / "site"


def inspect(page: Path, tmp_path: Path) -> dict[str, Any]:
    harness = tmp_path / "harness.html"
    harness.write_text(
        HARNESS.replace("PAGE_URL", page.as_uri())
        .replace("NOTICE_JSON", json.dumps(NOTICE))
        .replace("ORIGINAL_JSON", json.dumps(ORIGINAL)),
        encoding="utf-8",
    )
    result = run_chromium(
        [
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
            harness.as_uri(),
        ],
        tmp_path / "profile",
    )
    start = result.stdout.find('<pre id="out">')
    assert start >= 0, result.stdout[-2000:] + result.stderr[-2000:]
    end = result.stdout.index("</pre>", start)
    raw = result.stdout[start + len('<pre id="out">') : end]
    data: dict[str, Any] = json.loads(
        raw.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
    assert "error" not in data, data
    return data


def file_of(url: str) -> Path:
    parts = urlsplit(url)
    assert parts.scheme == "file", url
    return Path(unquote(parts.path))


def test_russian_page_in_chromium(site: Path, tmp_path: Path) -> None:
    data = inspect(site / "ru" / SEED_SLUG / "index.html", tmp_path)
    assert data["lang"] == "ru"
    assert data["direction"] == "ltr"
    assert data["title"]["text"].startswith("В беднейших регионах России")
    assert data["notices"] == [{"lang": "en", "direction": "ltr"}]
    assert TITLE in data["originalLinks"]
    assert [link["lang"] for link in data["switcher"]] == ["en", "ru", "ar"]
    for link in data["switcher"]:
        assert file_of(link["href"]).is_file(), link
    assert data["scripts"] == 1
    assert data["jsonld"]["inLanguage"] == "ru"
    assert data["jsonld"]["translationOfWork"]["url"] == ORIGINAL
    assert data["jsonld"]["translator"] == [{"@type": "Person", "name": "Анна Петрова"}]


def test_arabic_page_renders_right_to_left(site: Path, tmp_path: Path) -> None:
    page = site / "ar" / SEED_SLUG / "index.html"
    data = inspect(page, tmp_path)
    assert data["lang"] == "ar"
    assert data["direction"] == "rtl"
    title = data["title"]
    # The title's last line hugs the right edge and leaves room on the left.
    assert abs(title["lastRight"] - title["right"]) < 2, title
    assert title["lastLeft"] - title["left"] > 20, title
    # English shown in the original, and the notice, stay left-to-right.
    assert data["fallback"] == {"lang": "en", "direction": "ltr"}
    assert data["notices"] == [{"lang": "en", "direction": "ltr"}]
    for link in data["switcher"]:
        assert file_of(link["href"]).is_file(), link

    screenshot = tmp_path / "ar.png"
    result = run_chromium(
        [
            "--window-size=900,1400",
            "--hide-scrollbars",
            f"--screenshot={screenshot}",
            page.as_uri(),
        ],
        tmp_path / "profile-shot",
    )
    assert screenshot.is_file(), result.stderr[-2000:]
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (900, 1400)
    keep = os.environ.get("PUBLISH_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot, Path(keep) / "ar.png")
