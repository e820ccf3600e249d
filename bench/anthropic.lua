-- wrk script: the same small chat as chat.lua, as an Anthropic Messages request with the key in BENCH_KEY.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = os.getenv("BENCH_KEY") or "sk-direct"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.body = '{"model":"bench-model","max_tokens":16,"messages":[{"role":"user","content":"Say hello in five words."}]}'
