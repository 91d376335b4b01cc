"""Open rendered report pages in headless Chromium and record everything active.

For each page, :func:`open_pages` records

- ``scripts``: every script the page's own JavaScript world compiled (inline
  ``<script>``, ``on…=`` handlers, ``javascript:`` URLs, ``eval``), counted
  through the Chrome DevTools Protocol (``Debugger.scriptParsed``) and kept only
  when it runs in the page's default execution context, so Playwright's own
  utility scripts (an isolated world) are not counted;
- ``console`` messages and ``console_errors``, uncaught ``page_errors``;
- ``dialogs`` (``alert``, ``confirm``, ``prompt``), dismissed;
- ``requests``: every request other than the page's own file and inline
  ``data:`` URLs; they are aborted, so nothing leaves the machine;
- ``active_markup``: elements that could run code on a click or a load
  (``script``, ``iframe``, ``object``, ``embed``, ``on…`` attributes,
  ``javascript:`` links), found with the DevTools DOM API (no script).

Chromium is Debian's ``/usr/bin/chromium`` (``apt-get install chromium``),
driven by Playwright for Python, whose own browser download is never used.

Command line: ``python tests/browser.py OUTPUT_DIR`` opens every ``.html``
under it, prints what it found and exits 1 when any page is not clean.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Debian's Chromium; override with the KOMPETENSI_CHROMIUM environment variable.
CHROMIUM = os.environ.get("KOMPETENSI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)
#: Elements and attributes that run code on a load or a click.
ACTIVE_SELECTOR = ", ".join(
    (
        "script",
        "iframe",
        "frame",
        "object",
        "embed",
        "base",
        "meta[http-equiv='refresh' i]",
        "a[href^='javascript:' i]",
        "[src^='javascript:' i]",
        "form[action^='javascript:' i]",
        *(
            f"[{a}]"
            for a in (
                "onload",
                "onerror",
                "onclick",
                "onmouseover",
                "onfocus",
                "onanimationstart",
                "onbegin",
                "ontoggle",
            )
        ),
    )
)
#: How long to wait after ``load`` for late handlers (ms).
SETTLE_MS = 300


@dataclass
class PageReport:
    """What one page did in the browser."""

    path: Path
    scripts: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    active_markup: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """No script ran, no error, no dialog, no request, no active element."""
        return not (
            self.scripts
            or self.console_errors
            or self.page_errors
            or self.dialogs
            or self.requests
            or self.active_markup
        )

    def describe(self) -> str:
        """One line per finding, for a test failure or the command line."""
        lines = [str(self.path)]
        for name in (
            "scripts",
            "console",
            "console_errors",
            "page_errors",
            "dialogs",
            "requests",
            "active_markup",
        ):
            for item in getattr(self, name):
                lines.append(f"  {name}: {item[:200]}")
        return "\n".join(lines)


def unavailable() -> str | None:
    """Why pages cannot be opened here (no Playwright, no Chromium); None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def open_pages(
    paths: Iterable[str | os.PathLike[str]], *, timeout_ms: int = 30_000
) -> list[PageReport]:
    """Open each page in a fresh headless Chromium context and record what it did.

    Parameters
    ----------
    paths
        HTML files on disk.
    timeout_ms
        How long one page may take to load.

    Returns
    -------
    list of PageReport
        One per page, in order.
    """
    from playwright.sync_api import sync_playwright

    reports = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            for path in paths:
                reports.append(_open_one(browser, Path(path).resolve(), timeout_ms))
        finally:
            browser.close()
    return reports


def _open_one(browser, path: Path, timeout_ms: int) -> PageReport:
    report = PageReport(path)
    url = path.as_uri()
    context = browser.new_context(java_script_enabled=True)
    try:
        page = context.new_page()

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        page.on(
            "request",
            lambda req: (
                None
                if req.url == url or req.url.startswith("data:")
                else report.requests.append(f"{req.method} {req.url}")
            ),
        )
        page.on("console", lambda msg: _console(report, msg))
        page.on("pageerror", lambda err: report.page_errors.append(str(err)))

        def dialog(d):
            report.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)
        cdp = context.new_cdp_session(page)
        main_contexts: set[int] = set()
        parsed: list[dict] = []

        def context_created(event):
            ctx = event["context"]
            aux = ctx.get("auxData") or {}
            if aux.get("isDefault") and aux.get("type", "default") == "default":
                main_contexts.add(ctx["id"])

        cdp.on("Runtime.executionContextCreated", context_created)
        cdp.on("Debugger.scriptParsed", lambda event: parsed.append(event))
        cdp.send("Runtime.enable")
        cdp.send("Debugger.enable")
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.wait_for_timeout(SETTLE_MS)
        for event in parsed:
            if event.get("executionContextId") in main_contexts and not _ours(event):
                where = event.get("url") or "(inline)"
                report.scripts.append(
                    f"{where} line {event.get('startLine')}:{event.get('startColumn')} "
                    f"({event.get('length', '?')} chars)"
                )
        report.active_markup.extend(_active_markup(cdp))
    finally:
        context.close()
    return report


def _ours(event: dict) -> bool:
    """A script Playwright or Chromium itself added (never the page's)."""
    url = event.get("url") or ""
    return url.startswith(("chrome-extension://", "extensions::", "devtools://")) or (
        "__playwright" in url or "__puppeteer" in url
    )


def _console(report: PageReport, msg) -> None:
    text = f"{msg.type}: {msg.text}"
    report.console.append(text)
    if msg.type in ("error", "assert"):
        report.console_errors.append(text)


def _active_markup(cdp) -> list[str]:
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ACTIVE_SELECTOR})
    out = []
    for node_id in found.get("nodeIds", []):
        html = cdp.send("DOM.getOuterHTML", {"nodeId": node_id})["outerHTML"]
        out.append(html[:200])
    return out


def html_pages(folder: str | os.PathLike[str]) -> list[Path]:
    """Every ``.html`` file under ``folder``, sorted."""
    return sorted(Path(folder).rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    """``python tests/browser.py OUTPUT_DIR``: exit 1 when any page is not clean."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python tests/browser.py OUTPUT_DIR", file=sys.stderr)
        return 2
    why = unavailable()
    if why:
        print(f"cannot open pages: {why}", file=sys.stderr)
        return 2
    reports = open_pages(html_pages(args[0]))
    bad = [r for r in reports if not r.clean]
    for r in reports:
        print(("clean  " if r.clean else "FOUND  ") + str(r.path))
    for r in bad:
        print(r.describe())
    print(f"{len(reports)} pages opened, {len(bad)} not clean")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
