/**
 * Node reads NODE_EXTRA_CA_CERTS only at start-up, and MSAL only talks to https authorities, so
 * scripts that host the local platform (npm start, npm run bench) make sure they run with the
 * dev CA trusted: when the variable does not point at it yet, they run themselves again as a
 * child with it set, and mirror the child's exit.
 */
import { spawn } from "node:child_process";
import { ensureDevCa } from "../devca.js";

/** Resolves true when this process may go on; false when a child took over (the caller returns). */
export async function runWithDevCa(caDir: string): Promise<boolean> {
  const tls = await ensureDevCa(caDir);
  if (process.env.NODE_EXTRA_CA_CERTS === tls.caPath) return true;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 0)));
  return false;
}
