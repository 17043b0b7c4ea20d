#!/usr/bin/env python3
"""make demo, step 8: wait for `interdict serve` to be ready, then send one
yente-shaped /match request and print the hits with their explanations.
usage: demo_match.py PORT"""
import json
import sys
import time
import urllib.request

base = "http://127.0.0.1:%s" % sys.argv[1]
for _ in range(300):
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
            if r.status == 200:
                break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("server did not become ready")

body = {"queries": {
    "q1": {"schema": "Person", "properties": {"name": ["Kim Jong-un"], "birthDate": ["1984-01-08"]}},
    "q2": {"schema": "Vessel", "properties": {"name": ["CHON MA SAN"]}},
    "q3": {"schema": "Company", "properties": {"name": ["Korea Mining Development Trading Corp"]}},
}}
req = urllib.request.Request(base + "/match/default?limit=3", data=json.dumps(body).encode(),
                             headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(req, timeout=30) as r:
    out = json.load(r)
print("POST /match/default?limit=3 (3 queries in one request)")
for key, resp in out["responses"].items():
    q = body["queries"][key]["properties"]["name"][0]
    print("  %s %r: %d result(s)" % (key, q, len(resp["results"])))
    for hit in resp["results"]:
        print("    %.3f %-5s %-12s %s" % (hit["score"], "match" if hit["match"] else "", hit["id"],
                                         hit["caption"][:40]))
        print("          %s" % hit.get("explanation", "")[:110])
