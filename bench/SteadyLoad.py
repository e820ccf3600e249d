#!/usr/bin/env python3
"""Sends chat completions at a steady rate (open loop) until told to stop or the server goes away.

usage: SteadyLoad.py URL KEY MODEL RATE SECONDS OUT_FILE
Writes to OUT_FILE, as JSON: sent, ok (answers 200 read to the end), failed (anything else), and the times.
Stops early once the server has refused connections for one second (it was killed).
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

url, key, model, rate, seconds, out_file = sys.argv[1:7]
rate = float(rate)
seconds = float(seconds)
parsed = urllib.parse.urlparse(url)
body = json.dumps({"model": model, "messages": [{"role": "user", "content": "hi"}]})
lock = threading.Lock()
counts = {"sent": 0, "ok": 0, "failed": 0}
last_ok = [None]
refused_since = [None]
stop = threading.Event()


def one():
    try:
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        conn.request("POST", "/v1/chat/completions", body,
                     {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        ok = resp.status == 200 and b'"choices"' in data
        conn.close()
        with lock:
            if ok:
                counts["ok"] += 1
                last_ok[0] = time.time()
            else:
                counts["failed"] += 1
            refused_since[0] = None
    except (ConnectionError, OSError, http.client.HTTPException):
        with lock:
            counts["failed"] += 1
            if refused_since[0] is None:
                refused_since[0] = time.time()


start = time.time()
threads = []
i = 0
while not stop.is_set():
    due = start + i / rate
    now = time.time()
    if now - start >= seconds:
        break
    with lock:
        if refused_since[0] is not None and now - refused_since[0] > 1.0:
            break
    if due > now:
        time.sleep(due - now)
    t = threading.Thread(target=one, daemon=True)
    t.start()
    threads.append(t)
    with lock:
        counts["sent"] += 1
    i += 1
for t in threads:
    t.join(timeout=35)
result = dict(counts)
result["seconds"] = round(time.time() - start, 2)
result["last_ok_at"] = last_ok[0]
with open(out_file, "w") as f:
    json.dump(result, f)
print(json.dumps(result))
