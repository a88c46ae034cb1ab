import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "../sharepoint/test-support.js";

let t: TestTenant;
const J = { "Content-Type": "application/json" };
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(() => t.stop());

describe("events with Teams online meetings", () => {
  it("POST /users/{id}/events with isOnlineMeeting returns a joinUrl on the tenant origin; times convert between zones", async () => {
    const res = await t.fetch("/v1.0/users/tanaka@aoba-edu.example/events", {
      method: "POST",
      headers: { ...J, Prefer: 'outlook.timezone="Tokyo Standard Time"' },
      body: JSON.stringify({
        subject: "職員会議",
        body: { contentType: "HTML", content: "<p>議題は<b>運動会</b>です</p>" },
        start: { dateTime: "2026-05-12T15:30:00", timeZone: "Tokyo Standard Time" },
        end: { dateTime: "2026-05-12T16:30:00", timeZone: "Tokyo Standard Time" },
        attendees: [{ emailAddress: { address: "sato@aoba-edu.example", name: "佐藤 一郎" }, type: "required" }],
        isOnlineMeeting: true,
        onlineMeetingProvider: "teamsForBusiness",
      }),
    });
    expect(res.status).toBe(201);
    const e = (await res.json()) as Record<string, any>;
    expect(e.onlineMeeting.joinUrl.startsWith(`${t.origin}/l/meetup-join/`)).toBe(true);
    expect(e.start).toEqual({ dateTime: "2026-05-12T15:30:00.0000000", timeZone: "Tokyo Standard Time" });
    expect(e.bodyPreview).toBe("議題は 運動会 です");
    expect(e.organizer.emailAddress.address).toBe("tanaka@aoba-edu.example");
    const utc = (await (await t.fetch(`/v1.0/users/u-tanaka/events/${encodeURIComponent(e.id)}`)).json()) as Record<
      string,
      any
    >;
    expect(utc.start).toEqual({ dateTime: "2026-05-12T06:30:00.0000000", timeZone: "UTC" });

    const stale = await t.fetch(`/v1.0/users/u-tanaka/events/${encodeURIComponent(e.id)}`, {
      method: "PATCH",
      headers: { ...J, "If-Match": 'W/"nope"' },
      body: JSON.stringify({ subject: "x" }),
    });
    expect(stale.status).toBe(412);
    const patched = (await (
      await t.fetch(`/v1.0/users/u-tanaka/events/${encodeURIComponent(e.id)}`, {
        method: "PATCH",
        headers: { ...J, "If-Match": e["@odata.etag"] },
        body: JSON.stringify({ subject: "臨時職員会議" }),
      })
    ).json()) as Record<string, any>;
    expect(patched.subject).toBe("臨時職員会議");
    expect(patched.changeKey).not.toBe(e.changeKey);

    const list = (await (await t.fetch("/v1.0/me/events", { userId: "u-tanaka" })).json()) as Record<string, any>;
    expect(list.value.map((v: any) => v.id)).toEqual([e.id]);
    const view = (await (
      await t.fetch(
        "/v1.0/users/u-tanaka/calendarView?startDateTime=2026-05-12T00:00:00Z&endDateTime=2026-05-13T00:00:00Z",
      )
    ).json()) as Record<string, any>;
    expect(view.value).toHaveLength(1);
    expect(
      (await t.fetch(`/v1.0/users/u-tanaka/events/${encodeURIComponent(e.id)}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect((await t.fetch(`/v1.0/users/u-tanaka/events/${encodeURIComponent(e.id)}`)).status).toBe(404);
  });

  it("rejects an end before the start, an unknown user and /me with an app token", async () => {
    const bad = await t.fetch("/v1.0/users/u-tanaka/events", {
      method: "POST",
      headers: J,
      body: JSON.stringify({
        subject: "x",
        start: { dateTime: "2026-05-12T10:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-05-12T09:00:00", timeZone: "UTC" },
      }),
    });
    expect(bad.status).toBe(400);
    expect((await t.fetch("/v1.0/users/nobody/events")).status).toBe(404);
    expect((await t.fetch("/v1.0/me/events")).status).toBe(400);
  });

  it("POST /users/{id}/onlineMeetings and find it again by joinWebUrl", async () => {
    const res = await t.fetch("/v1.0/users/u-sato/onlineMeetings", {
      method: "POST",
      headers: J,
      body: JSON.stringify({
        startDateTime: "2026-06-01T09:00:00+09:00",
        endDateTime: "2026-06-01T10:00:00+09:00",
        subject: "学年会",
      }),
    });
    expect(res.status).toBe(201);
    const m = (await res.json()) as Record<string, any>;
    expect(m).toMatchObject({
      subject: "学年会",
      startDateTime: "2026-06-01T00:00:00.000Z",
      participants: { organizer: { identity: { user: { id: "u-sato" } } } },
    });
    const found = (await (
      await t.fetch(`/v1.0/users/u-sato/onlineMeetings?$filter=JoinWebUrl eq '${encodeURIComponent(m.joinWebUrl)}'`)
    ).json()) as Record<string, any>;
    expect(found.value.map((x: any) => x.id)).toEqual([m.id]);
  });
});

describe("event transactionId", () => {
  it("a POST retried with the same transactionId answers the event already made (one event, one join link)", async () => {
    const create = () =>
      t.fetch("/v1.0/users/u-tanaka/events", {
        method: "POST",
        headers: J,
        body: JSON.stringify({
          subject: "学年会",
          start: { dateTime: "2026-06-01T06:00:00", timeZone: "UTC" },
          end: { dateTime: "2026-06-01T07:00:00", timeZone: "UTC" },
          isOnlineMeeting: true,
          onlineMeetingProvider: "teamsForBusiness",
          transactionId: "7E163156-7762-4BEB-A1C6-729EA81755A7",
        }),
      });
    const first = (await (await create()).json()) as Record<string, any>;
    const second = (await (await create()).json()) as Record<string, any>;
    expect(second.id).toBe(first.id);
    expect(second.onlineMeeting.joinUrl).toBe(first.onlineMeeting.joinUrl);
    expect(first.transactionId).toBe("7E163156-7762-4BEB-A1C6-729EA81755A7");
    const list = (await (await t.fetch("/v1.0/users/u-tanaka/events?$top=100")).json()) as {
      value: { subject: string }[];
    };
    expect(list.value.filter((e) => e.subject === "学年会")).toHaveLength(1);
  });
});
