#!/usr/bin/env python3
"""End-to-end tests of the web UI in headless Debian chromium.

Speaks W3C WebDriver over HTTP to chromedriver with the Python standard
library only (no selenium, no npm at test time). Each step prints one line
    STEP<TAB>ok|fail|skip<TAB>name<TAB>detail
which tests/test_webui_e2e.c turns into TAP. The server under test is a real
`interdict serve` started by the caller (--base).
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

WAIT = 30.0   # seconds for one browser condition on a quiet machine
SCALE = 1.0   # --timeout-scale: every deadline stretches by it (sanitizer build, loaded machine)


class StepFailed(Exception):
    pass


def step(status, name, detail=""):
    detail = " ".join(str(detail).split())[:500]
    print("STEP\t%s\t%s\t%s" % (status, name, detail), flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=30):
    timeout *= SCALE
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class WebDriver:
    """The few W3C WebDriver commands the steps need."""

    def __init__(self, chromedriver, chromium, workdir):
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log = open(os.path.join(workdir, "chromedriver.log"), "w")
        self.proc = subprocess.Popen([chromedriver, "--port=%d" % self.port],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + WAIT * SCALE
        while True:
            try:
                st, _, _ = http("GET", self.url + "/status", timeout=2)
                if st == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or self.proc.poll() is not None:
                raise StepFailed("chromedriver did not start (see %s)" % self.log.name)
            time.sleep(0.1)
        args = ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1024", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + os.path.join(workdir, "profile")]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {"binary": chromium, "args": args}}}}
        st, _, body = http("POST", self.url + "/session", caps, timeout=60)
        val = json.loads(body or b"{}").get("value", {})
        if st != 200 or "sessionId" not in val:
            raise StepFailed("no browser session: %s" % (val.get("message") or body[:300]))
        self.sid = val["sessionId"]
        self.base = "%s/session/%s" % (self.url, self.sid)

    def cmd(self, method, path, body=None):
        st, _, raw = http(method, self.base + path, body if body is not None else ({} if method == "POST" else None))
        val = json.loads(raw or b"{}").get("value")
        if st != 200:
            err = val if isinstance(val, dict) else {}
            raise StepFailed("webdriver %s %s: %s: %s" % (method, path, err.get("error"), err.get("message", "")[:200]))
        return val

    def go(self, url):
        self.cmd("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        val = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(val.values()))

    def click(self, css):
        self.cmd("POST", "/element/%s/click" % self.find(css), {})

    def type(self, css, text):
        el = self.find(css)
        self.cmd("POST", "/element/%s/clear" % el, {})
        self.cmd("POST", "/element/%s/value" % el, {"text": text})

    def alert_text(self):
        """The open alert's text, or None when no alert is open."""
        st, _, raw = http("GET", self.base + "/alert/text")
        if st == 200:
            return json.loads(raw)["value"]
        err = (json.loads(raw or b"{}").get("value") or {}).get("error")
        if err == "no such alert":
            return None
        raise StepFailed("webdriver alert/text: %s" % err)

    def wait(self, script, what, *args, timeout=WAIT):
        """Poll a JS expression (function body) until it returns a truthy value."""
        deadline = time.time() + timeout * SCALE
        last = None
        while time.time() < deadline:
            last = self.js(script, *args)
            if last:
                return last
            err = self.js("const e = document.querySelector('.msg.error'); return e ? e.textContent : ''")
            if err:
                # the awaited state may be the error itself (the key prompt
                # waits for the 401), drawn between the two calls: ask again
                last = self.js(script, *args)
                if last:
                    return last
                raise StepFailed("waiting for %s, the page says: %s" % (what, err))
            time.sleep(0.15)
        err = self.js("const e = document.querySelector('.msg.error'); return e ? e.textContent : ''")
        raise StepFailed("timed out waiting for %s%s" % (what, "; the page says: " + err if err else ""))

    def screenshot(self, path):
        import base64
        try:
            self.js("const s = document.querySelector('main svg'); if (s) s.scrollIntoView(); return 1")
            with open(path, "wb") as f:
                f.write(base64.b64decode(self.cmd("GET", "/screenshot")))
        except (StepFailed, OSError):
            pass

    def quit(self):
        try:
            http("DELETE", self.base, timeout=10)
        except OSError:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def text_of(sel):
    return "const e = document.querySelector(%s); return e ? e.textContent : null" % json.dumps(sel)


class Steps:
    def __init__(self, a, wd, workdir):
        self.a, self.wd, self.workdir = a, wd, workdir
        self.ui = a.base.rstrip("/") + "/ui/"
        self.hit_id = None
        self.decided = {}

    def csp_ok(self):
        v = self.wd.js("return (window.idtCspViolations || []).slice()")
        if v:
            raise StepFailed("content security policy violations: %s" % v)

    def server_ready(self):
        """/healthz, then /readyz once the lists are loaded (the server builds its index first)."""
        base = self.a.base.rstrip("/")
        deadline = time.time() + self.a.ready_timeout * SCALE
        last = "no answer"
        while time.time() < deadline:
            try:
                st, _, body = http("GET", base + "/readyz", timeout=5)
                if st == 200:
                    return "readyz after %.1f s: %s" % (self.a.ready_timeout * SCALE - (deadline - time.time()), body[:200].decode("utf-8", "replace"))
                last = "readyz %d" % st
                if st == 404:
                    raise StepFailed("GET /readyz is missing (404): %s" % body[:200])
            except OSError as e:
                last = str(e)
            time.sleep(0.2)
        raise StepFailed("the server was not ready within %d s (%s)" % (self.a.ready_timeout * SCALE, last))

    def ui_loads(self):
        st, hdr, body = http("GET", self.ui)
        csp = {k.lower(): v for k, v in hdr.items()}.get("content-security-policy", "")
        if st != 200 or b"app.js" not in body:
            raise StepFailed("GET /ui/ answered %d without the UI" % st)
        if "default-src 'self'" not in csp:
            raise StepFailed("GET /ui/ has no CSP default-src 'self' (got %r)" % csp)
        self.wd.go(self.ui + "#/search")
        self.wd.wait("return document.querySelector('#searchform') && document.querySelector('#keyarea form')",
                     "the search form")
        self.csp_ok()
        return "CSP: " + csp

    def api_key(self):
        refused = ""
        if self.a.auth:
            # without a key the server refuses /match and the UI says to set one
            self.wd.go(self.ui + "#/search?q=test&schema=LegalEntity")
            msg = self.wd.wait("const e = document.querySelector('.msg.error'); return e ? e.textContent : null",
                               "the refusal of a screening without a key")
            if "401" not in msg or "API key" not in msg:
                raise StepFailed("without a key the page says %r, expected a 401 asking for a key" % msg)
            refused = "without it: %s; " % msg
            self.wd.go(self.ui + "#/search")
            self.wd.wait("return document.querySelector('#keybtn')", "the key button")
        self.wd.click("#keybtn")
        self.wd.type("#apikey", self.a.api_key)
        self.wd.click("#keyarea button[type=submit]")
        got = self.wd.wait("return sessionStorage.getItem('interdict.apikey')", "the key in sessionStorage")
        if got != self.a.api_key:
            raise StepFailed("sessionStorage holds another key")
        return refused + "key kept in sessionStorage, sent as Bearer"

    def search(self):
        wd = self.wd
        wd.go(self.ui + "#/search")
        wd.wait("return document.querySelector('#q')", "the name field")
        wd.type("#q", self.a.query)
        wd.js("const s = document.querySelector('#schema'); s.value = arguments[0]; return 1", self.a.schema)
        wd.click("#go")
        n = wd.wait("return document.querySelectorAll('#results li.hit').length", "hits")
        first = wd.js("""const li = document.querySelector('#results li.hit');
          return {caption: li.querySelector('.entity-link').textContent, href: li.querySelector('.entity-link').getAttribute('href'),
                  score: li.querySelector('.score').textContent, badge: li.querySelector('.badge').textContent,
                  expl: (li.querySelector('.explanation') || {}).textContent || '',
                  features: li.querySelectorAll('table.features tbody tr').length,
                  evidence: !!li.querySelector('details.evidence')}""")
        if self.a.expect.lower() not in first["caption"].lower():
            raise StepFailed("first hit is %r, expected it to contain %r" % (first["caption"], self.a.expect))
        if not first["expl"] or not first["features"] or not first["evidence"]:
            raise StepFailed("first hit lacks explanation/features/evidence: %r" % first)
        if first["badge"] != "match":
            raise StepFailed("first hit not flagged as a match: %r" % first)
        self.csp_ok()
        return "%d hits; first %s score %s, %d features: %s" % (n, first["caption"], first["score"], first["features"], first["expl"])

    def open_hit(self):
        wd = self.wd
        wd.click("#results li.hit .entity-link")
        cap = wd.wait(text_of("h1#caption"), "the entity page")
        self.hit_id = wd.js("return decodeURIComponent(location.hash.replace(/^#\\/entity\\//, '').split('?')[0])")
        if self.a.expect.lower() not in cap.lower():
            raise StepFailed("entity page caption %r" % cap)
        return "%s (%s)" % (cap, self.hit_id)

    def graph(self, entity_id, min_nodes, min_edges):
        wd = self.wd
        if entity_id:
            wd.go(self.ui + "#/entity/" + urllib.parse.quote(entity_id, safe=""))
        wd.wait(text_of("h1#caption"), "the entity page")
        props = wd.wait("return document.querySelectorAll('#properties tbody tr').length", "the properties table")
        got = wd.wait("""const s = document.querySelector('svg#network');
            if (!s) return null;
            return {nodes: s.querySelectorAll('g.node').length, edges: s.querySelectorAll('line.edge').length,
                    designated: s.querySelectorAll('g.node.designated').length,
                    labels: Array.from(s.querySelectorAll('.node-label')).map(t => t.textContent).slice(0, 5)}""",
                      "the network graph")
        if got["nodes"] < min_nodes or got["edges"] < min_edges:
            raise StepFailed("graph has %d nodes and %d edges, expected at least %d and %d"
                             % (got["nodes"], got["edges"], min_nodes, min_edges))
        exp = wd.js(text_of("#exposure")) or ""
        self.csp_ok()
        clicked = ""
        if entity_id:
            # a click on another node opens that entity
            target = wd.js("""const g = document.querySelector('svg#network g.node:not(.center)');
                if (!g) return null;
                g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                return g.getAttribute('data-id')""")
            if target:
                wd.wait("return decodeURIComponent(location.hash) === '#/entity/' + arguments[0] && "
                        "document.querySelector('svg#network g.node.center[data-id=\"' + CSS.escape(arguments[0]) + '\"]')",
                        "the clicked node's entity page", target)
                clicked = "; clicking node %s opened its page" % target
        return "%d properties; graph %d nodes (%d designated), %d edges: %s; exposure: %s" % (
            props, got["nodes"], got["designated"], got["edges"], ", ".join(got["labels"]), exp[:80]) + clicked

    def decide(self):
        wd = self.wd
        wd.go(self.ui + "#/alerts?status=open")
        n = wd.wait("return document.querySelectorAll('#alerts li.alert button.true-match').length || "
                    "(document.querySelector('#noalerts') ? -1 : 0)", "open alerts")
        if n < 2:
            raise StepFailed("expected at least 2 open alerts after the searches, found %d" % max(n, 0))
        done = []
        for decision, button in (("true_match", "button.true-match"), ("false_positive", "button.false-positive")):
            aid = wd.js("""const li = Array.from(document.querySelectorAll('#alerts li.alert')).find(l => l.querySelector('button.true-match'));
                return li ? li.getAttribute('data-alert-id') : null""")
            sel = "#alerts li.alert[data-alert-id='%s']" % aid
            note = "e2e %s note <b>bold</b>" % decision
            wd.type(sel + " input.note", note)
            wd.click(sel + " " + button)
            wd.wait("return document.querySelector(arguments[0]) && document.querySelector(arguments[0]).getAttribute('data-decision') === arguments[1]",
                    "the stored decision on alert %s" % aid, sel + " .decision", decision)
            shown = wd.js(text_of(sel + " .decision .note"))
            if shown != note:
                raise StepFailed("alert %s shows note %r, expected %r" % (aid, shown, note))
            self.decided[aid] = (decision, note)
            done.append("%s=%s" % (aid, decision))
        # reload: both appear under "decided", and the API has them
        wd.go(self.ui + "#/alerts?status=decided")
        for aid, (decision, note) in self.decided.items():
            sel = "#alerts li.alert[data-alert-id='%s'] .decision" % aid
            wd.wait("const d = document.querySelector(arguments[0]); return d && d.getAttribute('data-decision') === arguments[1]",
                    "alert %s under decided" % aid, sel, decision)
        hdr = {"Authorization": "Bearer " + self.a.api_key} if self.a.api_key else {}
        st, _, body = http("GET", self.a.base.rstrip("/") + "/decisions?limit=100", headers=hdr)
        if st != 200:
            raise StepFailed("GET /decisions answered %d" % st)
        stored = json.loads(body)
        items = stored.get("decisions", stored) if isinstance(stored, dict) else stored
        notes = {d.get("note") for d in items if isinstance(d, dict)}
        users = sorted({str(d.get("user")) for d in items if isinstance(d, dict) and d.get("note") in
                        {n for _, n in self.decided.values()}})
        missing = [n for _, n in self.decided.values() if n not in notes]
        if missing:
            raise StepFailed("GET /decisions lacks the notes %r" % missing)
        if self.a.auth and self.a.key_name and users != [self.a.key_name]:
            raise StepFailed("decisions recorded for %r, expected the key's name %r" % (users, self.a.key_name))
        self.csp_ok()
        return "decided " + ", ".join(done) + "; shown under decided and in GET /decisions (user %s)" % ", ".join(users)

    def script_inert(self):
        wd = self.wd
        name = self.a.xss_name
        wd.go(self.ui + "#/search")
        wd.wait("return document.querySelector('#q')", "the name field")
        wd.type("#q", name)
        wd.click("#go")
        wd.wait("return Array.from(document.querySelectorAll('#results .entity-link')).some(a => a.textContent === arguments[0])",
                "a hit captioned with the literal markup", name)
        if wd.alert_text() is not None:
            raise StepFailed("an alert dialog is open: %r" % wd.alert_text())
        wd.js("""Array.from(document.querySelectorAll('#results .entity-link')).find(a => a.textContent === arguments[0]).click(); return 1""", name)
        cap = wd.wait(text_of("h1#caption"), "the entity page")
        time.sleep(0.5)  # give any injected handler (img onerror) the chance to fire
        alert = wd.alert_text()
        if alert is not None:
            raise StepFailed("an alert dialog is open: %r" % alert)
        if cap != name:
            raise StepFailed("caption is %r, expected the literal %r" % (cap, name))
        info = wd.js("""return {scripts: document.scripts.length,
            injected: document.querySelectorAll('main script, main img, main [onerror]').length,
            text: document.body.innerText.includes(arguments[0])}""", name)
        if info["scripts"] != 1 or info["injected"] or not info["text"]:
            raise StepFailed("markup was interpreted: %r" % info)
        self.csp_ok()
        return "caption shown literally as %s; no alert open; 1 script element" % cap

    def lists(self):
        wd = self.wd
        wd.go(self.ui + "#/lists")
        rows = wd.wait("return Array.from(document.querySelectorAll('#lists tbody tr')).map(r => r.cells[0].textContent)",
                       "the list versions table")
        wanted = [x for x in self.a.datasets.split(",") if x]
        if any(w not in rows for w in wanted):
            raise StepFailed("lists table shows %r, expected %r" % (rows, wanted))
        ds = wanted[0] if wanted else rows[0]
        wd.go(self.ui + "#/lists/" + urllib.parse.quote(ds))
        counts = wd.wait("""const d = document.querySelector('#diff');
            return d && d.querySelectorAll('h3').length === 3 ? Array.from(d.querySelectorAll('h3')).map(x => x.textContent) : null""",
                         "the diff of " + ds)
        if self.a.diff_expect:
            wd.wait("return Array.from(document.querySelectorAll('#diff td')).some(t => t.textContent === arguments[0])",
                    "%r among the diff's rows" % self.a.diff_expect, self.a.diff_expect)
            if wd.alert_text() is not None:
                raise StepFailed("an alert dialog is open on the diff page")
        return "datasets %s; diff of %s: %s" % (", ".join(rows), ds, "; ".join(counts))

    def vessel(self):
        wd = self.wd
        wd.go(self.ui + "#/vessel/" + urllib.parse.quote(self.a.vessel))
        got = wd.wait("""const m = document.querySelector('svg#map');
            if (!m) return null;
            const land = m.querySelector('path.land');
            return {land: land ? land.getAttribute('d').length : 0, track: !!m.querySelector('path.track'),
                    events: m.querySelectorAll('g.event').length,
                    identity: document.querySelectorAll('#identity tbody tr').length}""", "the vessel map")
        if got["land"] < 100 or not got["track"] or got["identity"] < 1:
            raise StepFailed("vessel page incomplete: %r" % got)
        return "land path %d chars, track drawn, %d events, %d identity rows" % (got["land"], got["events"], got["identity"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--query", required=True)
    ap.add_argument("--schema", default="Thing")
    ap.add_argument("--expect", required=True)
    ap.add_argument("--graph-entity", default="")
    ap.add_argument("--xss-name", default="<script>alert(1)</script>")
    ap.add_argument("--datasets", default="")
    ap.add_argument("--diff-expect", default="", help="text expected literally in the first dataset's diff")
    ap.add_argument("--vessel", default="")
    ap.add_argument("--api-key", default="")
    ap.add_argument("--key-name", default="", help="the name the API key was created with")
    ap.add_argument("--auth", action="store_true", help="the server requires the key for writes (no --no-auth)")
    ap.add_argument("--ready-timeout", type=int, default=120)
    ap.add_argument("--shots", default="", help="directory for a screenshot after each step")
    ap.add_argument("--timeout-scale", type=float, default=1.0,
                    help="stretch every deadline (a sanitizer build, a loaded machine)")
    a = ap.parse_args()
    global SCALE
    SCALE = max(a.timeout_scale, 1.0)
    workdir = tempfile.mkdtemp(prefix="idt-e2e-")
    st = Steps(a, None, workdir)
    try:
        step("ok", "server_ready", st.server_ready())
    except StepFailed as e:
        step("fail", "server_ready", e)
        return 1
    try:
        st.wd = WebDriver(a.chromedriver, a.chromium, workdir)
    except StepFailed as e:
        step("fail", "browser_session", e)
        return 1
    wd = st.wd
    plan = [("ui_loads", st.ui_loads)]
    if a.api_key:
        plan.append(("api_key_prompt", st.api_key))
    plan += [("search_name", st.search), ("open_hit", st.open_hit),
             ("entity_page_graph", lambda: st.graph("", 1, 0))]
    if a.graph_entity:
        plan.append(("network_graph", lambda: st.graph(a.graph_entity, 3, 2)))
    plan += [("script_entity_inert", st.script_inert), ("decide_alerts", st.decide), ("lists_page", st.lists)]
    if a.vessel:
        plan.append(("vessel_map", st.vessel))
    failed = 0
    try:
        for name, fn in plan:
            try:
                step("ok", name, fn())
            except (StepFailed, OSError, KeyError, TypeError, ValueError) as e:
                failed += 1
                step("fail", name, "%s: %s" % (type(e).__name__, e) if not isinstance(e, StepFailed) else e)
            if a.shots:
                os.makedirs(a.shots, exist_ok=True)
                wd.screenshot(os.path.join(a.shots, name + ".png"))
    finally:
        wd.quit()
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
