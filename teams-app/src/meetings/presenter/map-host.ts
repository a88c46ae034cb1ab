/**
 * Live Share's host outside Teams: the test host (local relay, every user in every role, local
 * clock) except for the container id, which Teams keeps per meeting and this host keeps in the
 * local platform's container map (`<containersUrl>/<meetingKey>`; first writer wins), so every
 * browser that opens a meeting's stage joins the same container.
 */
import {
  ContainerState,
  type IClientInfo,
  type IFluidContainerInfo,
  type IFluidTenantInfo,
  type ILiveShareHost,
  type INtpTimeInfo,
  TestLiveShareHost,
  type UserMeetingRole,
} from "@microsoft/live-share";

const info = (state: ContainerState, containerId: string | undefined): IFluidContainerInfo => ({
  containerState: state,
  containerId,
  shouldCreate: state === ContainerState.notFound,
  retryAfter: 0,
});

export class MapHost implements ILiveShareHost {
  private readonly test = TestLiveShareHost.create(
    () => undefined,
    () => undefined,
  );
  private readonly url: string;

  constructor(containersUrl: string, meetingKey: string) {
    this.url = `${containersUrl.replace(/\/+$/, "")}/${encodeURIComponent(meetingKey)}`;
  }

  async getFluidContainerId(): Promise<IFluidContainerInfo> {
    const res = await fetch(this.url, { headers: { Accept: "application/json" } });
    if (res.status === 404) return info(ContainerState.notFound, undefined);
    if (!res.ok) throw new Error(`container map answered ${res.status}`);
    const { containerId } = (await res.json()) as { containerId: string };
    return info(ContainerState.alreadyExists, containerId);
  }

  async setFluidContainerId(containerId: string): Promise<IFluidContainerInfo> {
    const res = await fetch(this.url, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ containerId }),
    });
    if (!res.ok) throw new Error(`container map answered ${res.status}`);
    const body = (await res.json()) as { containerId: string; state: "added" | "conflict" };
    return info(body.state === "added" ? ContainerState.added : ContainerState.conflict, body.containerId);
  }

  getFluidTenantInfo(): Promise<IFluidTenantInfo> {
    return this.test.getFluidTenantInfo();
  }
  getFluidToken(containerId?: string): Promise<string> {
    return this.test.getFluidToken(containerId);
  }
  getNtpTime(): Promise<INtpTimeInfo> {
    return this.test.getNtpTime();
  }
  registerClientId(clientId: string): Promise<UserMeetingRole[]> {
    return this.test.registerClientId(clientId);
  }
  getClientRoles(clientId: string): Promise<UserMeetingRole[] | undefined> {
    return this.test.getClientRoles(clientId);
  }
  getClientInfo(clientId: string): Promise<IClientInfo | undefined> {
    return this.test.getClientInfo(clientId);
  }
}
