// Validates every document of deploy/kubernetes/*.yaml against the Kubernetes API's OpenAPI schemas (as compiled by
// the kubernetes-models package): unknown kinds, unknown or misspelt fields, wrong types and missing required fields
// fail. Exit code 1 on any error. Usage: npm ci && node validate.mjs [directory]
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? join(here, ".."));

// apiVersion "group/version" or "version" (core) → the module path in kubernetes-models
function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  return group === null ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

let errors = 0;
let checked = 0;
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
if (files.length === 0) {
  console.error(`no manifests in ${dir}`);
  process.exit(1);
}
for (const file of files) {
  const docs = parseAllDocuments(readFileSync(join(dir, file), "utf8"));
  for (const [i, doc] of docs.entries()) {
    const where = `${file}#${i + 1}`;
    if (doc.errors.length > 0) {
      console.error(`${where}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      errors++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null) {
      continue;
    }
    if (!obj.apiVersion || !obj.kind) {
      console.error(`${where}: apiVersion and kind are required`);
      errors++;
      continue;
    }
    let model;
    try {
      model = await import(modulePath(obj.apiVersion, obj.kind));
    } catch {
      console.error(`${where}: unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`);
      errors++;
      continue;
    }
    try {
      new model[obj.kind](obj).validate();
      checked++;
      console.log(`${where}: ${obj.kind} ${obj.metadata?.name ?? ""} valid`);
    } catch (e) {
      console.error(`${where}: ${obj.kind} ${obj.metadata?.name ?? ""} invalid: ${e.message}`);
      errors++;
    }
  }
}
console.log(`kubernetes manifests: ${checked} valid, ${errors} invalid`);
process.exit(errors === 0 ? 0 : 1);
