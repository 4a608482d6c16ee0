// Validates glTF/GLB files with the Khronos glTF validator (npm gltf-validator).
// Usage: node validate.mjs FILE...   Prints one JSON report per file on one line each
// ({"file", "errors", "warnings", "infos", "messages"}) and exits 1 when any file
// has an error. External resources are refused: an exported file must be complete.
import { readFile } from "node:fs/promises";
import validator from "gltf-validator";

let failed = false;
for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(await readFile(file));
  const report = await validator.validateBytes(data, {
    uri: file,
    maxIssues: 200,
    externalResourceFunction: (uri) =>
      Promise.reject(new Error(`external resource ${uri} refused`)),
  });
  const issues = report.issues;
  failed ||= issues.numErrors > 0;
  console.log(JSON.stringify({
    file,
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    infos: issues.numInfos,
    messages: issues.messages.map((m) => `${m.severity} ${m.code} ${m.pointer ?? ""}: ${m.message}`),
  }));
}
process.exit(failed ? 1 : 0);
