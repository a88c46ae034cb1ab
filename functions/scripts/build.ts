/**
 * Builds the Azure Functions deployment artifact (`npm run build -w functions`, or
 * `npm run build:functions` at the root).
 *
 * Kōmu runs from TypeScript sources locally, and `@komu/shared` exports `.ts` files, so `tsc`
 * output cannot be loaded by the Functions Node host. This script bundles `src/azure/index.ts`
 * with esbuild (ESM, Node 20) — `@komu/shared` and the npm dependencies included — and writes a
 * self-contained folder in the Node.js v4 programming-model layout:
 *
 *   dist/deploy/
 *     host.json, .funcignore
 *     package.json      { "type": "module", "main": "index.js", runtime dependencies }
 *     index.js          the bundle (+ index.js.map, index.js.LEGAL.txt)
 *     node_modules/     only the packages that stay outside the bundle (and their dependencies)
 *
 * What stays outside the bundle:
 *  - `@azure/functions-core`: a built-in module of the Functions Node worker (not on npm).
 *  - `@azure/functions`: the programming-model library; Microsoft's docs expect it in the app's
 *    package.json `dependencies` (its version selects the programming model), so it is shipped
 *    as a real package rather than inlined.
 *
 * `require` made with `createRequire(import.meta.url)` is invisible to a bundler (the module would
 * be looked up at run time next to the bundle). The one such use, `bot/cards/engines.ts`, is
 * rewritten at build time to the plain `require` that esbuild bundles; any other use fails the
 * build (see `createRequirePlugin`).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const FUNCTIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Packages required at run time from `node_modules` of the deployed folder. */
export const RUNTIME_DEPENDENCIES = ["@azure/functions"] as const;
/** Provided by the Functions host; never bundled, never installed. */
const HOST_PROVIDED = ["@azure/functions-core"];

/**
 * `require` for bundled CommonJS dependencies inside an ES module. (No `__dirname`/`__filename`:
 * bundled ES modules declare their own, and a top-level one would clash with them.)
 */
const BANNER = [
  'import { createRequire as __komuCreateRequire } from "node:module";',
  "const require = __komuCreateRequire(import.meta.url);",
].join("\n");

const LOCAL_REQUIRE = "const require = createRequire(import.meta.url);";

/**
 * Our sources that build a `require` with `createRequire(import.meta.url)` (to load CommonJS or
 * UMD builds from ESM under tsx/Vitest) get that line removed, so their `require("…")` calls are
 * the free `require` esbuild resolves and bundles. A use in any other shape fails the build
 * instead of producing a bundle that looks for packages missing from the deployment.
 */
const createRequirePlugin: Plugin = {
  name: "komu-create-require",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("createRequire")) return undefined;
      const rewritten = source.replace(LOCAL_REQUIRE, "");
      if (rewritten === source || /createRequire\s*\(/.test(rewritten)) {
        return {
          errors: [
            {
              text: `${args.path}: createRequire() is only supported as \`${LOCAL_REQUIRE}\` (build.ts bundles those requires)`,
            },
          ],
        };
      }
      return { contents: rewritten, loader: "ts" };
    });
  },
};

export interface BuildOptions {
  /** The deployable folder (default `functions/dist/deploy`); emptied first. */
  outDir?: string;
  /** Print a summary (default false). */
  log?: boolean;
}

export interface BuildResult {
  outDir: string;
  /** Absolute path of the bundle (what package.json `main` names). */
  bundle: string;
  bundleBytes: number;
  /** The runtime dependencies written to package.json, with the installed versions. */
  dependencies: Record<string, string>;
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;

/** The folder of package `name` as Node would find it from `fromDir` (walking up node_modules). */
function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Copies `name` and everything it needs at run time (dependencies, non-optional peers, optional
 * dependencies that are installed) into `targetNodeModules`, flat where possible, nested under
 * the dependent package when another version already took the flat place.
 */
function copyPackageClosure(name: string, fromDir: string, targetNodeModules: string): void {
  const placed = new Map<string, string>(); // flat name → version
  const visit = (pkgName: string, from: string, nodeModules: string, optional: boolean): void => {
    const sourceDir = findPackageDir(pkgName, from);
    if (!sourceDir) {
      if (optional) return;
      throw new Error(`build: ${pkgName} (needed at run time) is not installed; run npm ci`);
    }
    const pkg = readJson<PackageJson>(join(sourceDir, "package.json"));
    let dest: string;
    const flat = placed.get(pkgName);
    if (flat === undefined) {
      placed.set(pkgName, pkg.version);
      dest = join(targetNodeModules, pkgName);
    } else if (flat === pkg.version) {
      return; // already there
    } else {
      dest = join(nodeModules, pkgName);
      if (existsSync(dest)) return;
    }
    cpSync(sourceDir, dest, {
      recursive: true,
      dereference: true,
      filter: (src) => !src.slice(sourceDir.length).split(/[\\/]/).includes("node_modules"),
    });
    const nested = join(dest, "node_modules");
    const optionalPeers = pkg.peerDependenciesMeta ?? {};
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, sourceDir, nested, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, sourceDir, nested, true);
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) {
      if (!HOST_PROVIDED.includes(dep)) visit(dep, sourceDir, nested, optionalPeers[dep]?.optional === true);
    }
  };
  visit(name, fromDir, targetNodeModules, false);
}

export async function buildFunctions(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? join(FUNCTIONS_DIR, "dist", "deploy"));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const bundle = join(outDir, "index.js");
  const result = await build({
    entryPoints: [join(FUNCTIONS_DIR, "src", "azure", "index.ts")],
    outfile: bundle,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Node's own conditions; `@komu/shared` resolves to its TypeScript sources through `exports`.
    conditions: ["node", "import"],
    mainFields: ["module", "main"],
    external: [...HOST_PROVIDED, ...RUNTIME_DEPENDENCIES],
    banner: { js: BANNER },
    sourcemap: "linked",
    legalComments: "linked",
    metafile: true,
    plugins: [createRequirePlugin],
    logLevel: "warning",
  });
  if (result.errors.length > 0) throw new Error("build: esbuild failed");

  // Every bare import left in the bundle must be a Node built-in, host-provided or shipped.
  const allowed = new Set<string>([...HOST_PROVIDED, ...RUNTIME_DEPENDENCIES]);
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.path.startsWith("node:")) continue;
      const base = imported.path.startsWith("@")
        ? imported.path.split("/").slice(0, 2).join("/")
        : (imported.path.split("/")[0] as string);
      const builtin = builtinModules.includes(base);
      // `require-call` externals are esbuild's unresolvable optional requires inside try/catch
      // (e.g. debug's `supports-color`): they fail softly at run time as they were written to.
      if (!builtin && !allowed.has(base) && imported.kind !== "require-call") {
        throw new Error(`build: the bundle imports ${imported.path}, which is neither bundled nor deployed`);
      }
    }
  }

  const functionsPkg = readJson<PackageJson>(join(FUNCTIONS_DIR, "package.json"));
  const dependencies: Record<string, string> = {};
  for (const name of RUNTIME_DEPENDENCIES) {
    const dir = findPackageDir(name, FUNCTIONS_DIR);
    if (!dir) throw new Error(`build: ${name} is not installed; run npm ci`);
    dependencies[name] = readJson<PackageJson>(join(dir, "package.json")).version;
    copyPackageClosure(name, FUNCTIONS_DIR, join(outDir, "node_modules"));
  }

  const deployPkg = {
    // Same name and version as the workspace: the health endpoint reads its version from here.
    name: functionsPkg.name,
    version: functionsPkg.version,
    private: true,
    description: "Kōmu Azure Functions app (generated by functions/scripts/build.ts; do not edit)",
    type: "module",
    main: "index.js",
    engines: { node: ">=20" },
    dependencies,
  };
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify(deployPkg, null, 2)}\n`);
  cpSync(join(FUNCTIONS_DIR, "host.json"), join(outDir, "host.json"));
  // The Japanese font of sealed PDFs (and its licence), found beside the bundle at run time.
  cpSync(join(FUNCTIONS_DIR, "assets"), join(outDir, "assets"), { recursive: true });
  // Read by `func azure functionapp publish` and the Agents Toolkit's azureFunctions/zipDeploy.
  writeFileSync(join(outDir, ".funcignore"), "# Everything in this folder is deployed.\n.funcignore\n");

  const bundleBytes = statSync(bundle).size;
  if (options.log) {
    console.log(`Kōmu Functions app → ${outDir}`);
    console.log(`  index.js ${(bundleBytes / 1024 / 1024).toFixed(2)} MiB`);
    console.log(
      `  node_modules: ${Object.entries(dependencies)
        .map(([n, v]) => `${n}@${v}`)
        .join(", ")}`,
    );
  }
  return { outDir, bundle, bundleBytes, dependencies };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outArg = process.argv.indexOf("--out");
  const outDir = outArg > 0 ? process.argv[outArg + 1] : undefined;
  buildFunctions({ ...(outDir ? { outDir } : {}), log: true }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
