#!/usr/bin/env python3
"""A development stand-in for `interdict serve`, shaped after docs/api.md.

Serves web/dist under /ui/ with the same CSP as the real server and a few
canned answers, so the UI and ui_e2e.py can be worked on without the C
server. Not used by ctest: the committed e2e test runs the real binary.

usage: mock_api.py PORT [DIST_DIR [API_URL]]

With API_URL (e.g. http://127.0.0.1:8000, a running `interdict serve`),
everything but /ui/ is forwarded there: the freshly built dist/ against the
real API, without rebuilding the binary.
"""
import hashlib
import json
import os
import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs, unquote

XSS = "<script>alert(1)</script>"
ENTITIES = {
    "ofac-9345": {"id": "ofac-9345", "schema": "Organization", "caption": "KOREA MINING DEVELOPMENT TRADING CORPORATION",
                  "properties": {"name": ["KOREA MINING DEVELOPMENT TRADING CORPORATION"], "alias": ["KOMID"], "country": ["kp"],
                                 "program": ["NPWMD"]}, "datasets": ["us_ofac_sdn"]},
    "watchlist-xss1": {"id": "watchlist-xss1", "schema": "Organization", "caption": XSS,
                       "properties": {"name": [XSS], "alias": ["<img src=x onerror=alert(2)>"]}, "datasets": ["watchlist"]},
    "zala-a": {"id": "zala-a", "schema": "Company", "caption": "Zala Aero", "properties": {"name": ["Zala Aero"]}, "datasets": ["zala"]},
}
ALERTS = []
DECISIONS = []


def hit(e, score):
    return dict(e, referents=[], target=True, score=score, match=score >= 0.7,
                features={"name_similarity": score, "country": 0.0},
                evidence={"query_name": "q", "matched_name": e["caption"], "tokens": [1, 2]},
                explanation="name %s matches at %.2f" % (e["caption"], score), exposure=None, decision=None)


class H(BaseHTTPRequestHandler):
    dist = "web/dist"
    upstream = ""

    def forward(self, method):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        req = urllib.request.Request(self.upstream + self.path, data=body, method=method)
        for k in ("Content-Type", "Authorization", "X-API-Key", "Accept"):
            if self.headers.get(k):
                req.add_header(k, self.headers[k])
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                code, ctype, raw = r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            code, ctype, raw = e.code, e.headers.get("Content-Type", ""), e.read()
        except urllib.error.URLError as e:
            return self.send(502, {"error": {"code": "upstream", "message": str(e.reason)}})
        return self.send(code, raw=raw, ctype=ctype)

    def send(self, code, obj=None, raw=None, ctype="application/json"):
        body = raw if raw is not None else json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Security-Policy", "default-src 'self'")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        p = u.path
        if self.upstream and not p.startswith("/ui"):
            return self.forward("GET")
        if p == "/ui" or p.startswith("/ui/"):
            rel = p[4:] or "index.html"
            f = os.path.join(self.dist, rel)
            if not os.path.isfile(f):
                return self.send(404, {"error": {"code": "not_found", "message": p}})
            ext = os.path.splitext(f)[1]
            ct = {".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}.get(ext, "text/plain")
            return self.send(200, raw=open(f, "rb").read(), ctype=ct)
        if p == "/readyz":
            return self.send(200, {"status": "ready", "datasets": {"us_ofac_sdn": "1"}})
        if p == "/healthz":
            return self.send(200, {"status": "ok"})
        if p.startswith("/entities/"):
            rest = unquote(p[len("/entities/"):])
            if rest.endswith("/network"):
                eid = rest[:-len("/network")]
                return self.send(200, {"nodes": [{"id": eid, "caption": ENTITIES.get(eid, {}).get("caption", eid), "schema": "Company", "designated": True, "risk": 1},
                                                 {"id": "zala-a", "caption": "Zala Aero", "schema": "Company", "designated": False, "risk": 0.4},
                                                 {"id": "p1", "caption": "A. Person", "schema": "Person", "designated": False, "risk": 0.2}],
                                       "edges": [{"source": "zala-a", "target": eid, "type": "Ownership", "label": "owns 51%"},
                                                 {"source": "p1", "target": "zala-a", "type": "Directorship", "label": "director"}]})
            e = ENTITIES.get(rest)
            if not e:
                return self.send(404, {"error": {"code": "not_found", "message": "no entity " + rest}})
            return self.send(200, dict(e, adjacent=[{"id": "s1", "schema": "Sanction", "caption": "Sanction", "relation": "sanctions",
                                                     "direction": "in", "properties": {"authority": ["OFAC"], "program": ["NPWMD"]}}],
                                       exposure={"designated": True, "blocked_50": False, "hops": 0, "path": [rest], "risk": 1.0}))
        if p == "/alerts":
            st = q.get("status", "open")
            sel = [a for a in ALERTS if st == "all" or (st == "open") == (a.get("decision") is None)]
            return self.send(200, {"alerts": sel})
        if p == "/decisions":
            return self.send(200, {"decisions": DECISIONS})
        if p == "/lists":
            return self.send(200, {"datasets": [{"name": n, "version": 1, "entities": 1, "imported_at": "2026-11-27T00:00:00Z", "versions": [{"version": 1}]}
                                                for n in ("us_ofac_sdn", "watchlist", "zala")]})
        if p.startswith("/lists/") and p.endswith("/diff"):
            return self.send(200, {"added": [{"id": "watchlist-xss1", "caption": XSS}], "removed": [], "changed": []})
        if p.startswith("/ais/vessels/"):
            return self.send(200, {"mmsi": 445123000, "imo": 8122347, "identity": [{"from": "2026-01-01", "to": "2026-01-05", "name": "CHON MA SAN", "callsign": "HMXX", "flag": "KP", "shiptype": 80}],
                                   "track": [[1, 38.5, 124.5, 10], [2, 38.7, 124.9, 9], [3, 38.8, 125.2, 0]],
                                   "events": [{"type": "encounter", "lat": 38.7, "lon": 124.9, "start": "2026-01-02T00:00:00Z"}]})
        return self.send(404, {"error": {"code": "not_found", "message": p}})

    def do_POST(self):
        u = urlparse(self.path)
        if self.upstream:
            return self.forward("POST")
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n) or b"{}")
        if u.path.startswith("/match/"):
            out = {}
            for key, qy in body.get("queries", {}).items():
                name = " ".join(qy.get("properties", {}).get("name", [])).lower()
                hits = [hit(e, 0.95) for e in ENTITIES.values() if name and (name in e["caption"].lower() or e["caption"].lower() in name)]
                fp = hashlib.sha256(json.dumps(qy, sort_keys=True).encode()).hexdigest()
                for h in hits:
                    ALERTS.append({"alert_id": len(ALERTS) + 1, "query_key": key, "query_fingerprint": fp, "query": qy,
                                   "entity_id": h["id"], "caption": h["caption"], "dataset": h["datasets"][0], "score": h["score"],
                                   "explanation": h["explanation"], "list_version": 1, "created_at": "2026-11-27T02:00:00Z", "decision": None})
                out[key] = {"status": 200, "results": hits, "total": {"value": len(hits), "relation": "eq"}, "query": qy}
            return self.send(200, {"responses": out, "matcher": {"name": "interdict", "version": "mock"}, "limit": 5})
        if u.path == "/decisions":
            a = next((a for a in ALERTS if a["alert_id"] == body.get("alert_id")), None)
            if not a:
                return self.send(404, {"error": {"code": "not_found", "message": "no alert"}})
            d = {"decision": body["decision"], "note": body.get("note", ""), "user": "mock", "created_at": "2026-11-27T02:01:00Z"}
            a["decision"] = d
            DECISIONS.append(dict(d, alert_id=a["alert_id"], entity_id=a["entity_id"]))
            return self.send(200, d)
        return self.send(404, {"error": {"code": "not_found", "message": u.path}})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    if len(sys.argv) > 2:
        H.dist = sys.argv[2]
    if len(sys.argv) > 3:
        H.upstream = sys.argv[3].rstrip("/")
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
