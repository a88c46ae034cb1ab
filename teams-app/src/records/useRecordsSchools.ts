import { useMemo } from "react";
import { z } from "zod";
import type { Me } from "../api/resources.js";
import { useSession } from "../app/session.js";
import { useLoad } from "../app/useLoad.js";
import { principalFromMe, recordsSchoolIds } from "./model/access.js";

const SchoolList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

export interface SchoolChoice {
  id: string;
  name: string;
}

/** The schools whose records the user may open: their own, or every school of the town for board staff. */
export function useRecordsSchools(me: Me) {
  const { api } = useSession();
  const principal = useMemo(() => principalFromMe(me), [me]);
  const { own, townWide } = useMemo(() => recordsSchoolIds(principal), [principal]);
  const [all] = useLoad(
    () => (townWide ? api.get("/api/schools", SchoolList).then((s) => s.items) : Promise.resolve([])),
    [api, townWide],
  );
  const ownChoices: SchoolChoice[] = me.schools
    .filter((s) => own.includes(s.id))
    .map((s) => ({ id: s.id, name: s.name }));
  if (!townWide) return { principal, schools: { status: "ok" as const, data: ownChoices } };
  if (all.status !== "ok") return { principal, schools: all };
  const extra = all.data.filter((s) => !ownChoices.some((o) => o.id === s.id) && s.id !== "boe");
  return { principal, schools: { status: "ok" as const, data: [...ownChoices, ...extra] } };
}
