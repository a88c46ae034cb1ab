import { describe, expect, it } from "vitest";
import {
  chooseHost,
  controlsFor,
  jumpFor,
  meetingKey,
  shouldSuspend,
  snapshotFrom,
  statusLine,
  tabConfigFor,
} from "./model.js";
import type { PresenterSnapshot } from "./types.js";

const at = (page: number, name = "青葉 花子", materialId = "m1") => ({ materialId, page, name });

describe("presenter snapshot from Live Share's follow state", () => {
  it("is connecting before the follow state exists", () => {
    expect(snapshotFrom(undefined, "none", undefined).mode).toBe("connecting");
  });

  it("presenting: the own position and the audience", () => {
    const s = snapshotFrom({ type: "activePresenter", value: at(3), otherUsersCount: 4 }, "none", undefined);
    expect(s).toEqual({ mode: "presenting", position: { materialId: "m1", page: 3 }, presenter: null, others: 4 });
  });

  it("following: shows the presenter's position and name", () => {
    const s = snapshotFrom({ type: "followPresenter", value: at(5, "校長"), otherUsersCount: 1 }, "follow", undefined);
    expect(s.mode).toBe("following");
    expect(s.position).toEqual({ materialId: "m1", page: 5 });
    expect(s.presenter).toEqual({ name: "校長", position: { materialId: "m1", page: 5 } });
  });

  it("suspended: 'away' after stepping away, 'notFollowing' when never chosen; own page shown, presenter's known", () => {
    const state = { type: "suspendFollowPresenter", value: at(3, "教諭"), otherUsersCount: 1 };
    const away = snapshotFrom(state, "away", at(4, "校長"));
    expect(away.mode).toBe("away");
    expect(away.position).toEqual({ materialId: "m1", page: 3 });
    expect(away.presenter).toEqual({ name: "校長", position: { materialId: "m1", page: 4 } });
    expect(snapshotFrom(state, "none", at(4, "校長")).mode).toBe("notFollowing");
  });

  it("nobody presenting: solo on the own position", () => {
    for (const type of ["local", "activeFollowers"]) {
      expect(snapshotFrom({ type, value: at(2), otherUsersCount: 0 }, "follow", undefined).mode).toBe("solo");
    }
  });
});

describe("where the viewer jumps", () => {
  const snap = (mode: PresenterSnapshot["mode"], page: number | null): PresenterSnapshot => ({
    mode,
    position: page === null ? null : { materialId: "m1", page },
    presenter: null,
    others: 0,
  });

  it("jumps when the user starts following and whenever the presenter moves", () => {
    expect(jumpFor(snap("notFollowing", 1), snap("following", 3))).toEqual({ materialId: "m1", page: 3 });
    expect(jumpFor(snap("following", 3), snap("following", 4))).toEqual({ materialId: "m1", page: 4 });
    expect(jumpFor(snap("away", 3), snap("following", 4))).toEqual({ materialId: "m1", page: 4 });
  });

  it("never moves a user who is not following, nor repeats the same page", () => {
    expect(jumpFor(snap("following", 3), snap("following", 3))).toBeNull();
    expect(jumpFor(snap("following", 3), snap("away", 3))).toBeNull();
    expect(jumpFor(snap("away", 3), snap("away", 5))).toBeNull();
    expect(jumpFor(snap("following", 3), snap("solo", 3))).toBeNull();
    expect(jumpFor(snap("solo", 1), snap("presenting", 2))).toBeNull();
  });
});

describe("follow decisions and hosts", () => {
  it("suspends everyone who has not chosen to follow", () => {
    expect(shouldSuspend("none")).toBe(true);
    expect(shouldSuspend("away")).toBe(true);
    expect(shouldSuspend("follow")).toBe(false);
  });

  it("uses Teams' host in a Teams meeting, else the local relay, else nothing", () => {
    const relay = { relayUrl: "http://localhost:7070", containersUrl: "http://127.0.0.1:9/containers" };
    expect(chooseHost({ teamsLiveShare: true, relay })).toEqual({ kind: "teams" });
    expect(chooseHost({ teamsLiveShare: false, relay })).toEqual({ kind: "relay", ...relay });
    expect(chooseHost({ teamsLiveShare: false, relay: undefined })).toEqual({ kind: "unavailable" });
  });

  it("keys the container map by school and meeting with safe characters", () => {
    expect(meetingKey("aoba-jh", "mtg_01")).toBe("aoba-jh.mtg_01");
    expect(meetingKey("a/b", "c d")).toBe("a_b.c_d");
  });
});

describe("status line", () => {
  const title = (id: string) => (id === "m1" ? "資料1" : id);
  it("names the presenter, the material and the page", () => {
    const s = snapshotFrom(
      { type: "followPresenter", value: at(3, "青葉 校長"), otherUsersCount: 2 },
      "follow",
      undefined,
    );
    expect(statusLine(s, title)).toEqual({
      key: "presenter.status.following",
      values: { name: "青葉 校長", material: "資料1", page: 3 },
    });
    const away = snapshotFrom(
      { type: "suspendFollowPresenter", value: at(3), otherUsersCount: 2 },
      "away",
      at(4, "青葉 校長"),
    );
    expect(statusLine(away, title)).toEqual({
      key: "presenter.status.away",
      values: { name: "青葉 校長", material: "資料1", page: 4 },
    });
  });

  it("counts the audience when presenting; solo and connecting have no values", () => {
    const s = snapshotFrom({ type: "activePresenter", value: at(1), otherUsersCount: 3 }, "none", undefined);
    expect(statusLine(s, title)).toEqual({ key: "presenter.status.presenting", values: { count: 3 } });
    expect(statusLine(snapshotFrom(undefined, "none", undefined), title).key).toBe("presenter.status.connecting");
  });
});

describe("controls per mode", () => {
  it("offers 発表を終了 to the presenter, 自分で見る to a follower, 発表者に合わせる / 戻る to the others", () => {
    expect(controlsFor("presenting")).toEqual(["stop"]);
    expect(controlsFor("following")).toEqual(["stepAway"]);
    expect(controlsFor("notFollowing")).toEqual(["follow", "present"]);
    expect(controlsFor("away")).toEqual(["rejoin", "present"]);
    expect(controlsFor("solo")).toEqual(["present"]);
    expect(controlsFor("connecting")).toEqual([]);
    expect(controlsFor("error")).toEqual([]);
  });
});

describe("the configurable tab's settings", () => {
  it("point the side panel and stage at the meeting's stage view", () => {
    expect(tabConfigFor("https://komu.example", "aoba-jh", "m01", "職員会議")).toEqual({
      entityId: "meeting.aoba-jh.m01",
      contentUrl: "https://komu.example/meetings/stage?school=aoba-jh&meeting=m01",
      websiteUrl: "https://komu.example/meetings/stage?school=aoba-jh&meeting=m01",
      suggestedDisplayName: "職員会議",
    });
  });
});
