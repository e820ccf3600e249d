#!/usr/bin/env python3
"""How long a key disabled on one node keeps working on the others (issue 20 §3: <= 1 s, p99).

usage: revocation.py ADMIN_TOKEN ROUNDS PORT1 PORT2 [PORT3 ...]
Each round creates a key through node 1, waits until every node accepts it, disables it through node 1 (PATCH
status disabled) and then asks every other node (GET /v1/models with the key, back to back) until each refuses it
with 401; the round's time is the last node's. Prints each time and the p50/p99/max in milliseconds.
"""
import http.client
import json
import sys
import time

token, rounds, ports = sys.argv[1], int(sys.argv[2]), [int(p) for p in sys.argv[3:]]


def call(port, method, path, body=None, bearer=token):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, None if body is None else json.dumps(body),
                 {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


times = []
for r in range(rounds):
    status, data = call(ports[0], "POST", "/api/v1/tokens", {"name": "revocation-%d" % r, "quota": 1000})
    assert status == 201, (status, data)
    created = json.loads(data)
    key = created["key"]
    for port in ports:
        deadline = time.time() + 10
        while call(port, "GET", "/v1/models", bearer=key)[0] != 200:
            assert time.time() < deadline, "node %d never accepted the new key" % port
            time.sleep(0.01)
    status, data = call(ports[0], "PATCH", "/api/v1/tokens/" + created["id"], {"status": "disabled"})
    assert status == 200, (status, data)
    t0 = time.time()
    waiting = set(ports[1:])
    while waiting:
        for port in list(waiting):
            if call(port, "GET", "/v1/models", bearer=key)[0] == 401:
                waiting.discard(port)
        assert time.time() - t0 < 30, "still accepted after 30 s"
    times.append((time.time() - t0) * 1000)
    print("round %d: refused by every node %.0f ms after the PATCH answered" % (r + 1, times[-1]), flush=True)
times.sort()
pick = lambda p: times[min(len(times) - 1, max(0, int(round(p * len(times))) - 1))]
print("revocation reached every node: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d rounds"
      % (pick(0.5), pick(0.99), times[-1], len(times)))
