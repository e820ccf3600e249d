// What the SDK scripts share: their settings from the environment, one JSON object printed on stdout, and failures
// of single calls recorded in it (status, type, message) instead of ending the script.

/** The value of an environment variable the script cannot run without. */
export function required(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

/** Runs one call; its result, or what its error says ({ error: { status, type, code, message, name } }). */
export async function attempt(call) {
  try {
    return await call();
  } catch (e) {
    return {
      error: {
        name: e?.constructor?.name ?? null,
        status: e?.status ?? e?.code ?? null,
        type: e?.error?.error?.type ?? e?.error?.type ?? e?.type ?? null,
        code: e?.error?.error?.code ?? e?.error?.code ?? null,
        message: String(e?.message ?? e),
      },
    };
  }
}

/** Prints the script's one JSON object and ends it (open sockets or timers do not keep it alive). */
export function print(result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
}

/** Ends the script with the error on stderr: what the calling test puts into its failure message. */
export function fail(e) {
  process.stderr.write((e?.stack ?? String(e)) + '\n');
  process.exit(1);
}
