// Validates Kubernetes objects (multi-document YAML on stdin) against the API schemas of
// kubernetes-models (Kubernetes core and apps, policy, networking...) and the CRD schemas of
// @kubernetes-models/keda and @kubernetes-models/prometheus-operator, the way an API server with
// strict field validation (kubectl apply's default) would:
//   1. the package's JSON-schema validator (types, formats such as quantities, enums, required);
//   2. unknown fields: the schemas allow any extra property, which the API server rejects (or, for a
//      CRD, prunes silently), so each object is also walked along the package's TypeScript
//      declaration of its kind, and a field that the declaration does not name is an error.
// Prints one JSON line per object ({apiVersion, kind, name, result: valid|invalid|unvalidated,
// errors}); kinds of groups no package here describes (kafka.strimzi.io) come out as unvalidated
// (the Java test checks those with Strimzi's own classes). Exits 3 when an object is invalid (1 is
// node's own exit status for a failure of this script).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const INVALID = 3;

/** Where each API group's models live, as module specifiers of `<prefix>/<Kind>`. */
function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "") return `kubernetes-models/${version}`;
  if (group === "keda.sh" || group === "eventing.keda.sh") return `@kubernetes-models/keda/${group}/${version}`;
  if (group === "monitoring.coreos.com") return `@kubernetes-models/prometheus-operator/${group}/${version}`;
  if (group.endsWith(".k8s.io") || ["apps", "batch", "autoscaling", "policy"].includes(group)) {
    return `kubernetes-models/${group}/${version}`;
  }
  return null;
}

function declarationFile(specifier) {
  const [first, second, ...rest] = specifier.split("/");
  const packageName = first.startsWith("@") ? `${first}/${second}` : first;
  const inside = first.startsWith("@") ? rest : [second, ...rest];
  return join(here, "node_modules", packageName, ...inside) + ".d.ts";
}

const documents = parseAllDocuments(readFileSync(0, "utf8"))
  .map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map(String).join("\n"));
    return document.toJS();
  })
  .filter((object) => object !== null && object !== undefined);

const declarations = new Map();
for (const object of documents) {
  const module = object.apiVersion && modelModule(object.apiVersion);
  if (module) declarations.set(`${object.apiVersion}/${object.kind}`, declarationFile(`${module}/${object.kind}`));
}
const program = ts.createProgram([...new Set(declarations.values())], {
  noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [],
});
const checker = program.getTypeChecker();

/** The interface I<Kind> that a model's declaration file exports. */
function declaredType(file, kind) {
  const source = program.getSourceFile(file);
  if (!source) return null;
  const symbol = checker.getSymbolAtLocation(source);
  const exported = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === `I${kind}`);
  return exported ? checker.getDeclaredTypeOfSymbol(exported) : null;
}

/** Fields of `value` that `type` does not declare, as JSON pointers under `path`. */
function unknownFields(value, type, path) {
  type = checker.getNonNullableType(type);
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) {
    const element = checker.isArrayType(type) ? checker.getTypeArguments(type)[0] : null;
    return element ? value.flatMap((item, i) => unknownFields(item, element, `${path}/${i}`)) : [];
  }
  const objectTypes = type.isUnion() ? type.types.filter((t) => t.flags & ts.TypeFlags.Object) : [type];
  if (objectTypes.length !== 1) return [];
  const objectType = objectTypes[0];
  const anyKey = checker.getIndexInfosOfType(objectType).find((info) => info.keyType.flags & ts.TypeFlags.String);
  const found = [];
  for (const [key, field] of Object.entries(value)) {
    const property = checker.getPropertyOfType(objectType, key);
    if (property) {
      found.push(...unknownFields(field, checker.getTypeOfSymbol(property), `${path}/${key}`));
    } else if (anyKey) {
      found.push(...unknownFields(field, anyKey.type, `${path}/${key}`));
    } else {
      found.push(`${path}/${key}: unknown field`);
    }
  }
  return found;
}

let invalid = 0;
for (const object of documents) {
  const report = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name };
  const module = object.apiVersion && modelModule(object.apiVersion);
  if (!module) {
    console.log(JSON.stringify({ ...report, result: "unvalidated", errors: [] }));
    continue;
  }
  const errors = [];
  let Model;
  try {
    Model = (await import(`${module}/${object.kind}`))[object.kind];
  } catch {
    errors.push(`no ${object.kind} in ${module}`);
  }
  if (Model) {
    try {
      new Model(object).validate();
    } catch (e) {
      errors.push(...String(e.message).split(", "));
    }
    const type = declaredType(declarations.get(`${object.apiVersion}/${object.kind}`), object.kind);
    if (type) errors.push(...unknownFields(object, type, ""));
    else errors.push(`no declaration of I${object.kind} in ${module}`);
  }
  if (errors.length > 0) invalid++;
  console.log(JSON.stringify({ ...report, result: errors.length > 0 ? "invalid" : "valid", errors }));
}
process.exit(invalid > 0 ? INVALID : 0);
