import { Link as FluentLink } from "@fluentui/react-components";
import type { MouseEvent, ReactNode } from "react";
import { useHref, useNavigate } from "react-router-dom";

/** A Fluent link that navigates client-side (and still works as a normal link with modifiers). */
export function RouterLink({ to, children }: { to: string; children: ReactNode }) {
  const navigate = useNavigate();
  const href = useHref(to);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <FluentLink href={href} onClick={onClick}>
      {children}
    </FluentLink>
  );
}
