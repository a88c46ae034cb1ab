import type { ReactNode } from "react";

const CLASS = "komu-print-area";

/**
 * A region printed on its own: when printing, everything else on the page is hidden and the
 * region is laid out from the top of the paper. Print-only colours are set here (black on white),
 * the one place the tab uses fixed colours.
 */
export function PrintArea({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className={CLASS} data-testid={testId}>
      <style>{`@media print {
  body * { visibility: hidden !important; }
  .${CLASS}, .${CLASS} * { visibility: visible !important; }
  .${CLASS} { position: absolute; inset: 0 auto auto 0; width: 100%; color: #000; background: #fff; }
  .${CLASS} .komu-no-print { display: none !important; }
  .${CLASS} .komu-print-card { break-inside: avoid; page-break-inside: avoid; }
}`}</style>
      {children}
    </div>
  );
}
