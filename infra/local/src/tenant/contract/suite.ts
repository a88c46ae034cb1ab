/**
 * `describeContract(name, fn)`: a describe() for suites that replay Microsoft's documented examples.
 * With the examples folder present it is a plain describe. Without it the suite is skipped with a
 * clear message locally, and FAILS when `CI` is set (CI must run the contract tests; point
 * KOMU_CONTRACT_EXAMPLES_DIR at the examples if they are not at ../shared/contract-examples).
 */
import { describe, it } from "vitest";
import { contractExamplesDir, hasContractExamples } from "./examples.js";

export function missingExamplesMessage(): string {
  return `Microsoft's documented examples were not found at ${contractExamplesDir()} (set KOMU_CONTRACT_EXAMPLES_DIR)`;
}

export function describeContract(name: string, fn: () => void): void {
  if (hasContractExamples()) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it("needs the contract examples in CI", () => {
        throw new Error(`${missingExamplesMessage()}; contract tests must not be skipped in CI.`);
      });
    });
    return;
  }
  console.warn(`[contract] skipping "${name}": ${missingExamplesMessage()}.`);
  describe.skip(name, fn);
}
