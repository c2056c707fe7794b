"""The preview's server as a browser and an attacker see it: its own paths only, its own Host only, the documents `build` writes."""

from __future__ import annotations

import http.client
import io
import json
import shutil
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
from markupsafe import escape
from PIL import Image

from conftest import SEED, run_cli
from preview_helpers import RunningPreview, check_messages, request

NOT_FOUND = "ບໍ່ພົບ · Not found\n".encode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPreview]:
    """A preview of a copy of the seed, named as a user in its folder names it."""
    folder = tmp_path_factory.mktemp("preview")
    shutil.copy(SEED, folder / "accsm-20.yaml")
    running = RunningPreview("accsm-20.yaml", folder)
    yield running
    running.stop()


def test_first_status_is_build_1_ok(preview: RunningPreview) -> None:
    status = preview.status()
    assert {k: status[k] for k in ("build", "ok", "problems", "kind", "lang", "building")} == {
        "build": 1, "ok": True, "problems": [], "kind": "briefing", "lang": "lo", "building": False}


def test_terminal_says_where_and_what(preview: RunningPreview) -> None:
    lines = preview.out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"Preview of accsm-20.yaml on http://127.0.0.1:{preview.port}/ (Ctrl-C to stop)"
    assert lines[1].startswith("build 1 (start): ok, 4 pages in ")


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_page_answers_its_own_host(preview: RunningPreview, host: str) -> None:
    answer = preview.get("/", host=host.format(port=preview.port))
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert b'<img src="/pages/1/1.png"' in answer.body
    assert "default-src 'none'" in answer.headers["content-security-policy"]


@pytest.mark.parametrize("host", [
    "evil.example:{port}", "evil.example", "127.0.0.1:{other}", "localhost:{other}", "127.0.0.1", "localhost",
    "127.0.0.1.evil.example:{port}", "localhost.:{port}", "[::1]:{port}", "0.0.0.0:{port}", "127.0.0.2:{port}", "",
    None,
])
@pytest.mark.parametrize("path", ["/", "/status", "/events", "/document.pdf", "/pages/1/1.png"])
def test_other_hosts_are_refused(preview: RunningPreview, host: str | None, path: str) -> None:
    named = None if host is None else host.format(port=preview.port, other=preview.port + 1)
    answer = preview.get(path, host=named)
    assert answer.status == 403
    assert answer.body == (f"ຖືກປະຕິເສດ · Refused: this preview answers only at http://127.0.0.1:{preview.port}/ "
                           f"and http://localhost:{preview.port}/\n").encode("utf-8")


def test_two_host_headers_are_refused(preview: RunningPreview) -> None:
    answer = preview.get("/status", headers={"Host": "evil.example"})  # after Host: 127.0.0.1:PORT
    assert answer.status == 403


@pytest.mark.parametrize("path", [
    "/../README.md", "/../../etc/passwd", "/%2e%2e/README.md", "/%2E%2E%2Fpyproject.toml", "/..%2f..%2fetc%2fpasswd",
    "/pages/1/../../../etc/passwd", "/pages/1/..%2f..%2fREADME.md", "/pages/1/1.png/../../../README.md",
    "//etc/passwd", "/document.pdf/../../README.md", "/./status/..", "/accsm-20.yaml", "/templates/briefing.css",
    "/fonts/PhetsarathOT.ttf", "/generator/cli.py", "/assets/page.html.j2", "/page.html.j2", "/index.html",
    "/status/", "/pages/1/0.png", "/pages/1/5.png", "/pages/2/1.png", "/pages/-1/1.png", "/pages/1/1.PNG",
    "/document.txt", "/preview.js/..", "/%70review.js", "/\\..\\README.md",
])
def test_paths_outside_its_own_are_not_found(preview: RunningPreview, path: str) -> None:
    answer = preview.get(path)
    assert (answer.status, answer.body) == (404, NOT_FOUND)


def test_absolute_form_request_target_is_not_found(preview: RunningPreview) -> None:
    answer = preview.get(f"http://127.0.0.1:{preview.port}/../README.md")
    assert (answer.status, answer.body) == (404, NOT_FOUND)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "OPTIONS", "PATCH"])
def test_other_methods_are_refused(preview: RunningPreview, method: str) -> None:
    assert preview.get("/status", method=method).status == 501


def test_head_gives_headers_only(preview: RunningPreview) -> None:
    answer = preview.get("/document.pdf", method="HEAD")
    assert answer.status == 200 and answer.body == b""
    assert int(answer.headers["content-length"]) > 10_000


def test_own_assets_are_served(preview: RunningPreview) -> None:
    js, css, font = preview.get("/preview.js"), preview.get("/preview.css"), preview.get("/ui-font.ttf")
    assert (js.status, js.headers["content-type"]) == (200, "text/javascript; charset=utf-8")
    assert b"new EventSource(\"/events\")" in js.body
    assert (css.status, css.headers["content-type"]) == (200, "text/css; charset=utf-8")
    assert (font.status, font.headers["content-type"]) == (200, "font/ttf")
    assert font.body == (Path(__file__).resolve().parent.parent / "fonts" / "PhetsarathOT.ttf").read_bytes()


def test_documents_are_those_build_writes(preview: RunningPreview, tmp_path: Path) -> None:
    """The preview's PDF and DOCX are byte for byte what `build` writes from the same file (builds are reproducible)."""
    result = run_cli("build", str(preview.cwd / "accsm-20.yaml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pdf, docx = preview.get("/document.pdf"), preview.get("/document.docx")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == (
        "inline; filename=\"accsm-20-briefing.pdf\"; filename*=UTF-8''accsm-20-briefing.pdf")
    assert docx.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert docx.headers["content-disposition"].startswith('attachment; filename="accsm-20-briefing.docx"')
    assert pdf.body == (tmp_path / "accsm-20-briefing.pdf").read_bytes()
    assert docx.body == (tmp_path / "accsm-20-briefing.docx").read_bytes()


def test_page_images_are_the_pdf_pages(preview: RunningPreview) -> None:
    pdf = pypdfium2.PdfDocument(preview.get("/document.pdf").body)
    count = len(pdf)
    width_pt, height_pt = pdf[0].get_size()
    for number in range(1, count + 1):
        answer = preview.get(f"/pages/1/{number}.png")
        assert answer.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(answer.body))
        assert image.size == (round(width_pt * 1.5), round(height_pt * 1.5))
        assert image.convert("L").getextrema()[0] < 64, "the page has dark text on it"
    assert preview.get(f"/pages/1/{count + 1}.png").status == 404


def test_events_send_the_state_at_once(preview: RunningPreview) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    conn.request("GET", "/events")
    response = conn.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    assert response.readline() == b"retry: 1000\n"
    assert response.readline() == b"\n"
    assert response.readline().startswith(b"id: ")
    data = json.loads(response.readline().removeprefix(b"data: "))
    conn.close()
    assert data["ok"] and data["shown"] == data["build"]
    assert [p["src"] for p in data["pages"]] == [f"/pages/{data['shown']}/{n}.png" for n in range(1, 5)]
    assert (data["pdf_name"], data["docx_name"]) == ("accsm-20-briefing.pdf", "accsm-20-briefing.docx")


def _select(preview: RunningPreview, body: bytes, headers: dict[str, str]) -> int:
    """POST /select and return the HTTP status."""
    return preview.get("/select", method="POST", body=body, headers=headers).status


def test_select_shows_the_other_edition(preview: RunningPreview) -> None:
    before = preview.status()["build"]
    own = {"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{preview.port}"}
    assert _select(preview, b'{"kind": "briefing", "lang": "en"}', own) == 200
    status = preview.wait_for(lambda s: s["build"] > before and not s["building"])
    assert (status["ok"], status["lang"]) == (True, "en")
    with zipfile.ZipFile(io.BytesIO(preview.get("/document.docx").body)) as docx:
        assert "20th Videoconference on ASEAN Cooperation" in docx.read("word/document.xml").decode("utf-8")
    assert preview.get("/document.pdf").headers["content-disposition"].startswith(
        'inline; filename="accsm-20-briefing-en.pdf"')
    assert _select(preview, b'{"kind": "briefing", "lang": "lo"}', own) == 200
    status = preview.wait_for(lambda s: s["build"] > before + 1 and not s["building"])
    assert (status["ok"], status["lang"]) == (True, "lo")


@pytest.mark.parametrize(("body", "headers", "expected"), [
    (b'{"kind": "briefing", "lang": "en"}', {"Content-Type": "application/json", "Origin": "http://evil.example"}, 403),
    (b'{"kind": "briefing", "lang": "en"}', {"Content-Type": "text/plain"}, 400),
    (b"kind=briefing&lang=en", {"Content-Type": "application/x-www-form-urlencoded"}, 400),
    (b'{"kind": "report", "lang": "en"}', {"Content-Type": "application/json"}, 400),
    (b'{"kind": "briefing", "lang": "fr"}', {"Content-Type": "application/json"}, 400),
    (b'["briefing", "en"]', {"Content-Type": "application/json"}, 400),
    (b"{", {"Content-Type": "application/json"}, 400),
])
def test_select_refuses_anything_but_its_page(preview: RunningPreview, body: bytes, headers: dict[str, str],
                                              expected: int) -> None:
    before = preview.status()
    assert _select(preview, body, headers) == expected
    after = preview.status()
    assert (after["build"], after["lang"], after["building"]) == (before["build"], before["lang"], False)


def test_problems_are_escaped_in_the_page(tmp_path: Path) -> None:
    """A problem that quotes HTML from the data is shown as text, never run as markup."""
    evil = tmp_path / "evil.yaml"
    evil.write_text(SEED.read_text(encoding="utf-8") + '"<img src=x onerror=alert(1)>": 1\n', encoding="utf-8")
    expected = check_messages("evil.yaml", tmp_path)
    assert len(expected) == 1 and "<img src=x onerror=alert(1)>" in expected[0]
    running = RunningPreview("evil.yaml", tmp_path)
    try:
        status = running.status()
        assert (status["ok"], status["problems"]) == (False, expected)
        html = running.get("/").body.decode("utf-8")
        assert "<img src=x" not in html
        assert f"<li><code>{escape(expected[0])}</code></li>" in html
        assert running.get("/document.pdf").status == 404
    finally:
        running.stop()


def test_port_in_use_is_an_input_problem(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "accsm-20.yaml")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("preview", "accsm-20.yaml", "--port", str(port), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"--port: port {port} is already in use on 127.0.0.1 (stop the program that uses it, "
                             f"or choose another port with --port, e.g. --port {port + 1})\n")


def test_missing_file_is_an_input_problem(tmp_path: Path) -> None:
    result = run_cli("preview", "nothing.yaml", "--port", "0", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "nothing.yaml: cannot read the file (No such file or directory)\n"


@pytest.mark.parametrize("value", ["http", "-1", "65536", "80.5"])
def test_bad_port_option(tmp_path: Path, value: str) -> None:
    result = run_cli("preview", "x.yaml", "--port", value, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith(f"argument --port: '{value}' is not a port number "
                                  "(expected 1 to 65535, or 0 for any free port)\n")


def test_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "accsm-20.yaml")
    running = RunningPreview("accsm-20.yaml", tmp_path)
    assert running.stop() == 0
    assert running.out.read_text(encoding="utf-8").endswith("preview stopped\n")
    assert running.err.read_text(encoding="utf-8") == ""
    with pytest.raises(ConnectionRefusedError):
        request(running.port, "/status")


def test_a_rebuild_makes_the_docx_only_when_it_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's rebuild after a save makes what the page shows; the DOCX follows on request, once."""
    from generator import build
    from generator.fonts import FONT_SETS
    from generator.paths import TEMPLATES_DIR
    from generator.preview import builder

    made: list[str] = []

    def counted(edition: build.Edition, fs: object) -> bytes:
        made.append(edition.lang)
        return build.edition_docx(edition, fs)  # type: ignore[arg-type]

    monkeypatch.setattr(builder, "edition_docx", counted)
    outcome = builder.build_documents(SEED, builder.Selection("briefing", "en"), FONT_SETS["phetsarath"], TEMPLATES_DIR)
    assert outcome.documents is not None and made == []
    first = outcome.documents.docx.data()
    assert outcome.documents.docx.data() is first and made == ["en"]
    assert zipfile.ZipFile(io.BytesIO(first)).testzip() is None
